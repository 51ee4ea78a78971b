package org.wechatmp.admin.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;

/**
 * The handler form as typed: its fields, its rule rows and reply rows (blank rows are ignored), and, once
 * {@link #parse parsed}, the handler or the problems. A refused form is shown again with everything as typed.
 *
 * @param id the handler's id, 0 for a new one
 * @param name the name
 * @param enabled the enabled flag
 * @param weight the weight as typed
 * @param startsAt the window start ({@code datetime-local}, the user's zone), or empty
 * @param endsAt the window end, or empty
 * @param strategy the strategy's name
 * @param logMessages the log flag
 * @param source the source of the handler being edited (kept on save)
 * @param rules the rule rows
 * @param replies the reply rows
 */
record HandlerForm(long id, String name, boolean enabled, String weight, String startsAt, String endsAt,
        String strategy, boolean logMessages, Handler.Source source, List<RuleRow> rules, List<ReplyRow> replies) {
    /** Blank rows shown under the filled ones (and added by "more rows"). */
    static final int BLANK_ROWS = 2;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /**
     * A rule row.
     *
     * @param type the rule type's name, empty for a blank row
     * @param value the value
     * @param key the event key
     */
    record RuleRow(String type, String value, String key) {
        static final RuleRow BLANK = new RuleRow("", "", "");

        boolean blank() {
            return type.isEmpty();
        }
    }

    /**
     * A reply row; {@code articleId} names a published article whose articles become the news reply.
     *
     * @param type the reply type's name, empty for a blank row
     * @param content text
     * @param mediaId media id
     * @param title title
     * @param description description
     * @param musicUrl music URL
     * @param hqMusicUrl HQ music URL
     * @param thumbMediaId thumbnail media id
     * @param url forward URL
     * @param name custom reply name or customer-service account
     * @param articleId a published article id (news)
     */
    record ReplyRow(String type, String content, String mediaId, String title, String description, String musicUrl,
            String hqMusicUrl, String thumbMediaId, String url, String name, String articleId) {
        static final ReplyRow BLANK = new ReplyRow("", "", "", "", "", "", "", "", "", "", "");

        boolean blank() {
            return type.isEmpty();
        }

        static ReplyRow of(HandlerReply r) {
            return new ReplyRow(r.type().name(), s(r.content()), s(r.mediaId()), s(r.title()), s(r.description()),
                    s(r.musicUrl()), s(r.hqMusicUrl()), s(r.thumbMediaId()), s(r.url()), s(r.name()), "");
        }

        HandlerReply toReply() {
            HandlerReply.Type t = HandlerReply.Type.valueOf(type);
            return switch (t) {
                case TEXT -> new HandlerReply(t, content, null, null, null, null, null, null, null, null);
                case IMAGE, VOICE, NEWS -> new HandlerReply(t, null, mediaId, null, null, null, null, null, null, null);
                case VIDEO -> new HandlerReply(t, null, mediaId, n(title), n(description), null, null, null, null,
                        null);
                case MUSIC -> new HandlerReply(t, null, null, n(title), n(description), musicUrl, n(hqMusicUrl),
                        thumbMediaId, null, null);
                case FORWARD -> new HandlerReply(t, null, null, null, null, null, null, null, url, null);
                case CUSTOM, TRANSFER -> new HandlerReply(t, null, null, null, null, null, null, null, null, n(name));
            };
        }
    }

    /** An empty form for a new handler. */
    static HandlerForm blank() {
        return new HandlerForm(0, "", true, "0", "", "", Handler.Strategy.REPLY_ALL.name(), false,
                Handler.Source.SELF, pad(List.of(), RuleRow.BLANK, BLANK_ROWS), pad(List.of(), ReplyRow.BLANK,
                        BLANK_ROWS));
    }

    /** The form of a stored handler. */
    static HandlerForm of(Handler h, ZoneId zone) {
        return new HandlerForm(h.id(), h.name(), h.enabled(), String.valueOf(h.weight()), local(h.startsAt(), zone),
                local(h.endsAt(), zone), h.strategy().name(), h.logMessages(), h.source(),
                pad(h.rules().stream().map(r -> new RuleRow(r.type().name(), r.value(), r.key())).toList(),
                        RuleRow.BLANK, BLANK_ROWS),
                pad(h.replies().stream().map(ReplyRow::of).toList(), ReplyRow.BLANK, BLANK_ROWS));
    }

    /** The form as posted (rows {@code r0.type}..., {@code p0.type}...). */
    static HandlerForm read(Ctx c, long id, Handler.Source source) {
        List<RuleRow> rules = new ArrayList<>();
        for (int i = 0; i < HandlerCheck.MAX_RULES + BLANK_ROWS * 10; i++) {
            String p = "r" + i + ".";
            if (c.req.getParameter(p + "type") == null) {
                break;
            }
            rules.add(new RuleRow(c.param(p + "type"), c.raw(p + "value").strip(), c.raw(p + "key").strip()));
        }
        List<ReplyRow> replies = new ArrayList<>();
        for (int i = 0; i < HandlerCheck.MAX_REPLIES + BLANK_ROWS * 10; i++) {
            String p = "p" + i + ".";
            if (c.req.getParameter(p + "type") == null) {
                break;
            }
            replies.add(new ReplyRow(c.param(p + "type"), c.raw(p + "content").strip(), c.param(p + "mediaId"),
                    c.param(p + "title"), c.raw(p + "description").strip(), c.param(p + "musicUrl"),
                    c.param(p + "hqMusicUrl"), c.param(p + "thumbMediaId"), c.param(p + "url"), c.param(p + "name"),
                    c.param(p + "articleId")));
        }
        return new HandlerForm(id, c.param("name"), "on".equals(c.param("enabled")), c.param("weight"),
                c.param("startsAt"), c.param("endsAt"), c.param("strategy"), "on".equals(c.param("logMessages")),
                source, rules, replies);
    }

    /** The same form with {@code n} more blank rule and reply rows. */
    HandlerForm more(int n) {
        return new HandlerForm(id, name, enabled, weight, startsAt, endsAt, strategy, logMessages, source,
                pad(rules, RuleRow.BLANK, n), pad(replies, ReplyRow.BLANK, n));
    }

    /** The same form with the reply rows replaced (e.g. a published article resolved into a news material). */
    HandlerForm withReplies(List<ReplyRow> rows) {
        return new HandlerForm(id, name, enabled, weight, startsAt, endsAt, strategy, logMessages, source, rules,
                rows);
    }

    /**
     * Parses the typed values into a handler (without the account checks of {@link HandlerCheck}).
     *
     * @param zone the user's zone for the window
     * @param createdAt the creation time to keep, or {@code null} for a new handler
     * @param problems where parse problems go
     * @return the handler, or {@code null} when a value could not be read
     */
    Handler parse(ZoneId zone, Instant createdAt, List<HandlerProblem> problems) {
        Handler.Builder b = Handler.builder(name).id(id).enabled(enabled).logMessages(logMessages).source(source);
        if (createdAt != null) {
            b.createdAt(createdAt);
        }
        try {
            b.weight(Integer.parseInt(weight.isEmpty() ? "0" : weight));
        } catch (NumberFormatException e) {
            problems.add(HandlerProblem.of("replies.err.weight"));
        }
        try {
            b.strategy(Handler.Strategy.valueOf(strategy));
        } catch (IllegalArgumentException e) {
            problems.add(HandlerProblem.of("replies.err.strategy"));
        }
        b.window(instant(startsAt, zone, problems), instant(endsAt, zone, problems));
        int n = 0;
        for (RuleRow r : rules) {
            if (r.blank()) {
                continue;
            }
            n++;
            try {
                b.rule(new Rule(Rule.Type.valueOf(r.type()), r.value(), r.key()));
            } catch (PatternSyntaxException e) {
                problems.add(HandlerProblem.of("replies.err.regex", n, r.value(), e.getDescription()));
            } catch (IllegalArgumentException e) {
                problems.add(HandlerProblem.of("replies.err.rule.value", n));
            }
        }
        n = 0;
        for (ReplyRow r : replies) {
            if (r.blank()) {
                continue;
            }
            n++;
            try {
                b.reply(r.toReply());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(HandlerProblem.of("replies.err.reply.type", n));
            }
        }
        return problems.isEmpty() ? b.build() : null;
    }

    private static Instant instant(String local, ZoneId zone, List<HandlerProblem> problems) {
        if (local.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(HandlerProblem.of("replies.err.date", local));
            return null;
        }
    }

    static String local(Instant at, ZoneId zone) {
        return at == null ? "" : LOCAL.format(LocalDateTime.ofInstant(at, zone));
    }

    private static <T> List<T> pad(List<T> rows, T blank, int n) {
        List<T> out = new ArrayList<>(rows);
        for (int i = 0; i < n; i++) {
            out.add(blank);
        }
        return out;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static String n(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** Lower-case type names for CSS and message keys. */
    static String key(String type) {
        return type.toLowerCase(Locale.ROOT);
    }
}
