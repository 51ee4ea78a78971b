package org.wechatmp.core.engine;

import java.util.List;
import java.util.Objects;
import org.wechatmp.core.reply.Reply;

/**
 * Why the engine would answer a message the way it does, computed without side effects by
 * {@link ReplyEngine#explain(MessageContext)}: the winning handler and the rule that matched, every other handler
 * with a matching rule and why it did not win, and a preview of the replies. Nothing is sent: no forward request is
 * made, no custom reply runs, no customer-service call and no log row.
 *
 * @param handler the handler that would answer, or {@code null} when none would
 * @param rule the first of its rules that matched, or {@code null}
 * @param candidates every handler with a matching rule, in the engine's order, with its verdict
 * @param replies the winner's replies as they would be produced (empty without a winner or with strategy none)
 */
public record Explanation(Handler handler, Rule rule, List<Candidate> candidates, List<ReplyPreview> replies) {

    /**
     * Copies the lists.
     *
     * @param handler the handler that would answer, or {@code null} when none would
     * @param rule the first of its rules that matched, or {@code null}
     * @param candidates every handler with a matching rule, in the engine's order, with its verdict
     * @param replies the winner's replies as they would be produced
     */
    public Explanation {
        candidates = List.copyOf(candidates);
        replies = List.copyOf(replies);
    }

    /**
     * Whether a handler would answer.
     *
     * @return {@code true} when one matched
     */
    public boolean matched() {
        return handler != null;
    }

    /** Why a handler with a matching rule did or did not win. */
    public enum Verdict {
        /** It answers. */
        CHOSEN,
        /** Available, but a handler earlier in the engine's order answers. */
        OUTRANKED,
        /** Disabled. */
        DISABLED,
        /** Its window has not started. */
        NOT_STARTED,
        /** Its window has ended. */
        ENDED
    }

    /**
     * A handler whose rule matches the message.
     *
     * @param handler the handler
     * @param rule its first matching rule
     * @param verdict why it did or did not win
     */
    public record Candidate(Handler handler, Rule rule, Verdict verdict) {
        /**
         * Validates.
         *
         * @param handler the handler
         * @param rule its first matching rule
         * @param verdict why it did or did not win
         */
        public Candidate {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * One configured reply of the winner and what it would produce.
     *
     * @param spec the configured reply
     * @param reply the reply it produces, or {@code null} when it was not run (forward, custom) or failed
     * @param problem why {@code reply} is missing: {@code "not-run"} for forward and custom replies (they would
     *     call out or run application code), otherwise the failure's message; {@code null} when produced
     */
    public record ReplyPreview(HandlerReply spec, Reply reply, String problem) {
        /** The {@link #problem} of a reply that is not run in a preview. */
        public static final String NOT_RUN = "not-run";

        /**
         * Validates.
         *
         * @param spec the configured reply
         * @param reply the reply it produces, or {@code null}
         * @param problem why {@code reply} is missing, or {@code null}
         */
        public ReplyPreview {
            Objects.requireNonNull(spec, "spec");
        }
    }
}
