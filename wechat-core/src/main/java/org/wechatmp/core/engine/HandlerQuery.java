package org.wechatmp.core.engine;

import java.util.Locale;
import java.util.Objects;
import org.wechatmp.core.spi.PageRequest;

/**
 * A filtered, paged read of an account's handlers ({@link HandlerRepository#query}), in the engine's order (weight
 * desc, created desc, id desc). Filters are optional and combine with AND. Build with {@link #builder()}.
 *
 * @param source only handlers from this source, or {@code null}
 * @param enabled only handlers with this enabled flag, or {@code null}
 * @param ruleType only handlers with at least one rule of this type, or {@code null}
 * @param search only handlers whose name, a rule value or key, or a reply's text content contains this text,
 *        ignoring case; or {@code null}
 * @param page the page (offset paging)
 */
public record HandlerQuery(Handler.Source source, Boolean enabled, Rule.Type ruleType, String search,
        PageRequest page) {

    /**
     * Validates and normalises (blank search means none).
     *
     * @param source only handlers from this source, or {@code null}
     * @param enabled only handlers with this enabled flag, or {@code null}
     * @param ruleType only handlers with at least one rule of this type, or {@code null}
     * @param search only handlers whose name, a rule value or key, or a reply's text content contains this text,
     *     ignoring case; or {@code null}
     * @param page the page (offset paging)
     */
    public HandlerQuery {
        Objects.requireNonNull(page, "page");
        search = search == null || search.isBlank() ? null : search.strip();
    }

    /**
     * Whether a handler matches the filters (for stores that filter in memory).
     *
     * @param h the handler
     * @return {@code true} when it matches
     */
    public boolean matches(Handler h) {
        if (source != null && h.source() != source) {
            return false;
        }
        if (enabled != null && h.enabled() != enabled) {
            return false;
        }
        if (ruleType != null && h.rules().stream().noneMatch(r -> r.type() == ruleType)) {
            return false;
        }
        if (search != null) {
            String s = search.toLowerCase(Locale.ROOT);
            return has(h.name(), s) || h.rules().stream().anyMatch(r -> has(r.value(), s) || has(r.key(), s))
                    || h.replies().stream().anyMatch(r -> has(r.content(), s));
        }
        return true;
    }

    private static boolean has(String value, String lower) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lower);
    }

    /**
     * Starts a query: every handler, the first 20.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HandlerQuery}. */
    public static final class Builder {
        private Handler.Source source;
        private Boolean enabled;
        private Rule.Type ruleType;
        private String search;
        private PageRequest page = PageRequest.first(20);

        private Builder() {
        }

        /**
         * Filters by source.
         *
         * @param value the source, or {@code null}
         * @return this builder
         */
        public Builder source(Handler.Source value) {
            this.source = value;
            return this;
        }

        /**
         * Filters by the enabled flag.
         *
         * @param value the flag, or {@code null}
         * @return this builder
         */
        public Builder enabled(Boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * Filters by rule type.
         *
         * @param value the type, or {@code null}
         * @return this builder
         */
        public Builder ruleType(Rule.Type value) {
            this.ruleType = value;
            return this;
        }

        /**
         * Filters by search text.
         *
         * @param value the text, or {@code null}
         * @return this builder
         */
        public Builder search(String value) {
            this.search = value;
            return this;
        }

        /**
         * Sets the page.
         *
         * @param value the page
         * @return this builder
         */
        public Builder page(PageRequest value) {
            this.page = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         */
        public HandlerQuery build() {
            return new HandlerQuery(source, enabled, ruleType, search, page);
        }
    }
}
