package org.wechatmp.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.wechatmp.core.message.SubscribeEvent;
import org.wechatmp.core.message.TextMessage;
import org.wechatmp.core.message.WeChatMessage;

/**
 * Tests each rule of each handler on its own, with the same semantics as {@link CompiledHandlers}, to say which
 * rule of which handler matched. Slow (no indexes) and meant for previews, never for the callback path.
 */
final class MatchExplainer {
    private MatchExplainer() {
    }

    /** Every handler with a matching rule, in the engine's order; the first available one is chosen. */
    static List<Explanation.Candidate> candidates(List<Handler> handlers, MessageContext ctx, Instant now,
            Map<String, CustomRule> customRules, Logger log) {
        List<Explanation.Candidate> out = new ArrayList<>();
        boolean chosen = false;
        for (Handler h : handlers.stream().sorted(Handler.ORDER).toList()) {
            Rule rule = firstMatch(h, ctx, customRules, log);
            if (rule == null) {
                continue;
            }
            Explanation.Verdict v;
            if (!h.enabled()) {
                v = Explanation.Verdict.DISABLED;
            } else if (h.startsAt() != null && now.isBefore(h.startsAt())) {
                v = Explanation.Verdict.NOT_STARTED;
            } else if (h.endsAt() != null && !now.isBefore(h.endsAt())) {
                v = Explanation.Verdict.ENDED;
            } else if (chosen) {
                v = Explanation.Verdict.OUTRANKED;
            } else {
                v = Explanation.Verdict.CHOSEN;
                chosen = true;
            }
            out.add(new Explanation.Candidate(h, rule, v));
        }
        return out;
    }

    private static Rule firstMatch(Handler h, MessageContext ctx, Map<String, CustomRule> customRules, Logger log) {
        for (Rule r : h.rules()) {
            if (matches(r, ctx, customRules, log)) {
                return r;
            }
        }
        return null;
    }

    static boolean matches(Rule r, MessageContext ctx, Map<String, CustomRule> customRules, Logger log) {
        WeChatMessage m = ctx.message();
        String text = m instanceof TextMessage t && !m.isEvent() ? t.content() : null;
        return switch (r.type()) {
            case ALL -> true;
            case MSG_TYPE -> r.value().equals(m.msgType());
            case EVENT -> m.isEvent() && (r.value().equals(m.event())
                    || "subscribe_scan".equals(r.value()) && m instanceof SubscribeEvent s && s.isScan());
            case EVENT_KEY -> m.isEvent() && r.value().equals(m.event()) && (r.key().equals(m.eventKey())
                    || m instanceof SubscribeEvent s && s.isScan() && r.key().equals(s.scene()));
            case EQUALS -> text != null && text.equals(r.value());
            case CONTAINS -> text != null && text.contains(r.value());
            case REGEX -> text != null && BoundedRegex.find(Pattern.compile(r.value()), text, log);
            case CUSTOM -> custom(r.value(), ctx, customRules, log);
        };
    }

    private static boolean custom(String name, MessageContext ctx, Map<String, CustomRule> customRules, Logger log) {
        CustomRule rule = customRules.get(name);
        if (rule == null) {
            return false;
        }
        try {
            return rule.test(ctx);
        } catch (RuntimeException e) {
            log.warn("custom rule {} failed; counted as no match", name, e);
            return false;
        }
    }
}
