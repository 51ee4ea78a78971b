package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.stream.Collectors;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.ImageReply;
import org.wechatmp.core.reply.MusicReply;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.reply.TransferCustomerServiceReply;
import org.wechatmp.core.reply.VideoReply;
import org.wechatmp.core.reply.VoiceReply;

/** One-line descriptions of rules, replies and windows for the auto-reply pages (plain text; jte escapes it). */
final class ReplyText {
    static final int SHORT = 60;

    private ReplyText() {
    }

    static String rule(Page p, Rule r) {
        String label = p.t("replies.rule." + r.type().name());
        return switch (r.type()) {
            case ALL -> label;
            case EVENT_KEY -> label + " " + r.value() + " / " + quote(r.key());
            case MSG_TYPE, EVENT, CUSTOM -> label + " " + r.value();
            default -> label + " " + quote(r.value());
        };
    }

    static String rules(Page p, Handler h) {
        return h.rules().stream().map(r -> rule(p, r)).collect(Collectors.joining(p.t("replies.or")));
    }

    static String reply(Page p, HandlerReply r) {
        String label = p.t("replies.reply." + r.type().name());
        String detail = switch (r.type()) {
            case TEXT -> quote(cut(r.content()));
            case IMAGE, VOICE, VIDEO, NEWS -> r.mediaId();
            case MUSIC -> r.title() == null ? r.musicUrl() : r.title();
            case FORWARD -> r.url();
            case CUSTOM -> r.name();
            case TRANSFER -> r.name() == null ? "" : r.name();
        };
        return detail == null || detail.isEmpty() ? label : label + " " + detail;
    }

    static String replies(Page p, Handler h) {
        String all = h.replies().stream().map(r -> reply(p, r)).collect(Collectors.joining("; "));
        return h.replies().size() > 1 ? p.t("replies.strategy.short." + h.strategy().name()) + ": " + all : all;
    }

    /** What a produced reply looks like, for the simulation. */
    static String produced(Page p, Reply r) {
        if (r instanceof TextReply t) {
            return t.content();
        }
        if (r instanceof ImageReply i) {
            return i.mediaId();
        }
        if (r instanceof VoiceReply v) {
            return v.mediaId();
        }
        if (r instanceof VideoReply v) {
            return v.mediaId() + (v.title() == null ? "" : " · " + v.title());
        }
        if (r instanceof MusicReply m) {
            return (m.title() == null ? "" : m.title() + " · ") + m.musicUrl();
        }
        if (r instanceof NewsReply n) {
            return n.articles().stream().map(a -> a.title() + " <" + a.url() + ">").collect(Collectors.joining(" | "));
        }
        if (r instanceof TransferCustomerServiceReply t) {
            return t.kfAccount() == null ? p.t("replies.sim.anyagent") : t.kfAccount();
        }
        if (r instanceof EmptyReply) {
            return p.t("replies.sim.empty");
        }
        return r.getClass().getSimpleName();
    }

    static String window(Page p, Handler h) {
        if (h.startsAt() == null && h.endsAt() == null) {
            return p.t("replies.window.always");
        }
        return (h.startsAt() == null ? "…" : p.date(h.startsAt())) + " → " + (h.endsAt() == null ? "…"
                : p.date(h.endsAt()));
    }

    /** The availability badge key: available, disabled, not started or ended. */
    static String state(Handler h, Instant now) {
        if (!h.enabled()) {
            return "DISABLED";
        }
        if (h.startsAt() != null && now.isBefore(h.startsAt())) {
            return "NOT_STARTED";
        }
        if (h.endsAt() != null && !now.isBefore(h.endsAt())) {
            return "ENDED";
        }
        return "AVAILABLE";
    }

    static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= SHORT ? s
                : s.substring(0, s.offsetByCodePoints(0, SHORT)) + "…";
    }

    private static String quote(String s) {
        return "“" + s + "”";
    }
}
