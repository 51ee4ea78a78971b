package org.wechatmp.admin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;

/**
 * The checks every handler passes before it is stored, from the form or from a JSON file: sizes that fit the
 * tables, at least one rule, known message types and event names, registered custom rules and replies, the fields
 * each reply type needs, forward URLs by {@link ReplyForwardPolicy}, and a window that ends after it starts.
 * (A regular expression that does not compile cannot even become a {@link Rule}; the readers report it.)
 */
final class HandlerCheck {
    static final int MAX_NAME = 128;
    static final int MAX_RULES = 50;
    static final int MAX_REPLIES = 20;
    static final int MAX_RULE_VALUE = 1024;
    static final int MAX_KEY = 255;
    static final int MAX_TEXT = 2000;
    static final int MAX_ID = 128;
    static final int MAX_TITLE = 255;
    static final int MAX_URL = 1024;
    /** The message types a rule may name ({@code MsgType} values WeChat sends). */
    static final List<String> MSG_TYPES = List.of("text", "image", "voice", "video", "shortvideo", "location",
            "link", "event", "miniprogrampage");
    /** Event names offered in the form; others of the same shape are accepted. */
    static final List<String> EVENTS = List.of("subscribe", "subscribe_scan", "unsubscribe", "scan", "click",
            "view", "location", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album",
            "pic_weixin", "location_select", "view_miniprogram");

    private final Account account;
    private final Set<String> customRules;
    private final Set<String> customReplies;

    HandlerCheck(Account account, List<String> customRules, List<String> customReplies) {
        this.account = account;
        this.customRules = Set.copyOf(customRules);
        this.customReplies = Set.copyOf(customReplies);
    }

    /** Every problem of a handler, empty when it may be stored. */
    List<HandlerProblem> problems(Handler h) {
        List<HandlerProblem> out = new ArrayList<>();
        if (h.name().isBlank() || h.name().length() > MAX_NAME) {
            out.add(HandlerProblem.of("replies.err.name", MAX_NAME));
        }
        if (h.startsAt() != null && h.endsAt() != null && !h.endsAt().isAfter(h.startsAt())) {
            out.add(HandlerProblem.of("replies.err.window"));
        }
        if (h.rules().isEmpty()) {
            out.add(HandlerProblem.of("replies.err.norule"));
        }
        if (h.rules().size() > MAX_RULES || h.replies().size() > MAX_REPLIES) {
            out.add(HandlerProblem.of("replies.err.toomany", MAX_RULES, MAX_REPLIES));
        }
        for (int i = 0; i < h.rules().size(); i++) {
            rule(h.rules().get(i), i + 1, out);
        }
        if (h.replies().isEmpty() && h.strategy() != Handler.Strategy.NONE) {
            out.add(HandlerProblem.of("replies.err.noreply"));
        }
        for (int i = 0; i < h.replies().size(); i++) {
            reply(h.replies().get(i), i + 1, out);
        }
        return out;
    }

    private void rule(Rule r, int n, List<HandlerProblem> out) {
        if (r.value().length() > MAX_RULE_VALUE || r.key().length() > MAX_KEY) {
            out.add(HandlerProblem.of("replies.err.rule.long", n, MAX_RULE_VALUE));
        }
        switch (r.type()) {
            case MSG_TYPE -> {
                if (!MSG_TYPES.contains(r.value())) {
                    out.add(HandlerProblem.of("replies.err.rule.msgtype", n, r.value()));
                }
            }
            case EVENT, EVENT_KEY -> {
                if (!r.value().matches("[a-z_]{1,64}")) {
                    out.add(HandlerProblem.of("replies.err.rule.event", n, r.value()));
                }
                if (r.type() == Rule.Type.EVENT_KEY && r.key().isEmpty()) {
                    out.add(HandlerProblem.of("replies.err.rule.key", n));
                }
            }
            case CUSTOM -> {
                if (!customRules.contains(r.value())) {
                    out.add(HandlerProblem.of("replies.err.rule.custom", n, r.value(),
                            customRules.isEmpty() ? "—" : String.join(", ", customRules.stream().sorted().toList())));
                }
            }
            default -> {
                // ALL needs nothing; text rules were checked for a value by Rule itself
            }
        }
    }

    private void reply(HandlerReply r, int n, List<HandlerProblem> out) {
        switch (r.type()) {
            case TEXT -> need(r.content(), MAX_TEXT, n, "content", out);
            case IMAGE, VOICE, NEWS -> need(r.mediaId(), MAX_ID, n, "mediaId", out);
            case VIDEO -> {
                need(r.mediaId(), MAX_ID, n, "mediaId", out);
                optional(r.title(), MAX_TITLE, n, out);
                optional(r.description(), MAX_TEXT, n, out);
            }
            case MUSIC -> {
                need(r.thumbMediaId(), MAX_ID, n, "thumbMediaId", out);
                need(r.musicUrl(), MAX_URL, n, "musicUrl", out);
                optional(r.hqMusicUrl(), MAX_URL, n, out);
                optional(r.title(), MAX_TITLE, n, out);
                optional(r.description(), MAX_TEXT, n, out);
                for (String u : new String[] {r.musicUrl(), r.hqMusicUrl()}) {
                    if (u != null && !u.isEmpty() && !u.matches("(?i)https?://\\S+")) {
                        out.add(HandlerProblem.of("replies.err.reply.musicurl", n, u));
                    }
                }
            }
            case FORWARD -> {
                HandlerProblem p = ReplyForwardPolicy.check(r.url(), account);
                if (p != null) {
                    List<String> args = new ArrayList<>(List.of(String.valueOf(n)));
                    args.addAll(p.args());
                    out.add(new HandlerProblem(p.key(), args)); // "reply {0}: ..." with the policy's arguments
                }
            }
            case CUSTOM -> {
                if (r.name() == null || !customReplies.contains(r.name())) {
                    out.add(HandlerProblem.of("replies.err.reply.custom", n, r.name(), customReplies.isEmpty() ? "—"
                            : String.join(", ", customReplies.stream().sorted().toList())));
                }
            }
            case TRANSFER -> optional(r.name(), MAX_ID, n, out);
            default -> throw new IllegalStateException(r.type().name());
        }
    }

    private static void need(String v, int max, int n, String field, List<HandlerProblem> out) {
        if (v == null || v.isBlank()) {
            out.add(HandlerProblem.of("replies.err.reply.need." + field, n));
        } else if (v.length() > max) {
            out.add(HandlerProblem.of("replies.err.reply.long", n, max));
        }
    }

    private static void optional(String v, int max, int n, List<HandlerProblem> out) {
        if (v != null && v.length() > max) {
            out.add(HandlerProblem.of("replies.err.reply.long", n, max));
        }
    }
}
