package org.wechatmp.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An auto-reply handler: rules that select it and replies it gives, managed as data. Handlers are tried by weight
 * (highest first), then newest first; the first available handler with a matching rule wins.
 *
 * @param id a stable id (storage assigns it; ties in ordering break on it)
 * @param name the name
 * @param enabled whether it may match
 * @param weight higher goes first
 * @param startsAt when it becomes available, or {@code null}
 * @param endsAt when it stops being available, or {@code null}
 * @param strategy how its replies are given
 * @param rules its rules; any one matching selects it
 * @param replies its replies
 * @param logMessages whether messages it handles are written to the message log
 * @param source where it came from
 * @param createdAt when it was made (newer goes first among equal weights)
 */
public record Handler(long id, String name, boolean enabled, int weight, Instant startsAt, Instant endsAt,
        Strategy strategy, List<Rule> rules, List<HandlerReply> replies, boolean logMessages, Source source,
        Instant createdAt) {

    /** How a handler's replies are given. */
    public enum Strategy {
        /** Every reply: the last passively, the others through customer service after it. */
        REPLY_ALL,
        /** One reply chosen at random. */
        RANDOM_ONE,
        /** No reply (the handler only marks the message as handled, e.g. for logging). */
        NONE
    }

    /** Where a handler came from. */
    public enum Source {
        /** Made by the account's staff. */
        SELF,
        /** Generated from a value-type menu button. */
        MENU,
        /** Imported from the WeChat console's auto-reply settings. */
        IMPORTED
    }

    /** The engine's order: weight desc, created desc, id desc. */
    public static final Comparator<Handler> ORDER = Comparator.comparingInt(Handler::weight).reversed()
            .thenComparing(Handler::createdAt, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(Handler::id).reversed());

    /**
     * Validates and copies.
     *
     * @param id a stable id (storage assigns it; ties in ordering break on it)
     * @param name the name
     * @param enabled whether it may match
     * @param weight higher goes first
     * @param startsAt when it becomes available, or {@code null}
     * @param endsAt when it stops being available, or {@code null}
     * @param strategy how its replies are given
     * @param rules its rules; any one matching selects it
     * @param replies its replies
     * @param logMessages whether messages it handles are written to the message log
     * @param source where it came from
     * @param createdAt when it was made (newer goes first among equal weights)
     */
    public Handler {
        Objects.requireNonNull(name, "name");
        strategy = strategy == null ? Strategy.REPLY_ALL : strategy;
        source = source == null ? Source.SELF : source;
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        rules = List.copyOf(rules);
        replies = List.copyOf(replies);
    }

    /**
     * Whether the handler may match at a given time: enabled and inside its window.
     *
     * @param now the time
     * @return {@code true} when available
     */
    public boolean isAvailable(Instant now) {
        return enabled && (startsAt == null || !now.isBefore(startsAt)) && (endsAt == null || now.isBefore(endsAt));
    }

    /**
     * Starts a handler.
     *
     * @param name the name
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder initialised from this handler.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.id = id;
        b.enabled = enabled;
        b.weight = weight;
        b.startsAt = startsAt;
        b.endsAt = endsAt;
        b.strategy = strategy;
        b.rules.addAll(rules);
        b.replies.addAll(replies);
        b.logMessages = logMessages;
        b.source = source;
        b.createdAt = createdAt;
        return b;
    }

    /** Builds a {@link Handler}. */
    public static final class Builder {
        private final String name;
        private long id;
        private boolean enabled = true;
        private int weight;
        private Instant startsAt;
        private Instant endsAt;
        private Strategy strategy = Strategy.REPLY_ALL;
        private final List<Rule> rules = new ArrayList<>();
        private final List<HandlerReply> replies = new ArrayList<>();
        private boolean logMessages;
        private Source source = Source.SELF;
        private Instant createdAt = Instant.EPOCH;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the id.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /**
         * Enables or disables.
         *
         * @param enabled whether it may match
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the weight.
         *
         * @param weight higher goes first
         * @return this builder
         */
        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Sets the availability window.
         *
         * @param startsAt the start, or {@code null}
         * @param endsAt the end, or {@code null}
         * @return this builder
         */
        public Builder window(Instant startsAt, Instant endsAt) {
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            return this;
        }

        /**
         * Sets the strategy.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder strategy(Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * Adds a rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        /**
         * Adds a reply.
         *
         * @param reply the reply
         * @return this builder
         */
        public Builder reply(HandlerReply reply) {
            replies.add(reply);
            return this;
        }

        /**
         * Switches message logging for this handler.
         *
         * @param log whether to log
         * @return this builder
         */
        public Builder logMessages(boolean log) {
            this.logMessages = log;
            return this;
        }

        /**
         * Sets the source.
         *
         * @param source the source
         * @return this builder
         */
        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param createdAt the time
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Builds the handler.
         *
         * @return the handler
         */
        public Handler build() {
            return new Handler(id, name, enabled, weight, startsAt, endsAt, strategy, rules, replies, logMessages,
                    source, createdAt);
        }
    }
}
