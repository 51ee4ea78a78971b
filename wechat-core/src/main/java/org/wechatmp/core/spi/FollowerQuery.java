package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A filtered, sorted, paged read of an account's followers ({@link UserRepository#query}). Every filter is optional;
 * filters combine with AND. Build with {@link #builder()}.
 *
 * <p>Search text: when it starts with {@code =}, the rest must equal the openid or the unionid; otherwise the
 * nickname or the remark must contain it, ignoring case (Chinese text works as typed).
 *
 * @param subscribed only followers with this subscription state, or {@code null}
 * @param tagId only members of this tag ({@link TagRepository} memberships), or {@code null}
 * @param search the search text (see above), or {@code null}
 * @param subscribedFrom only followers whose subscribe time is at or after this, or {@code null}
 * @param subscribedBefore only followers whose subscribe time is before this, or {@code null}
 * @param scene only followers with this subscribe scene (e.g. {@code ADD_SCENE_QR_CODE}), or {@code null}
 * @param sex only followers of this sex (0 unknown, 1 male, 2 female), or {@code null}
 * @param sort the sort key; ties break on the openid in the same direction
 * @param descending whether to sort descending; a missing value (no subscribe time, no nickname) counts as the
 *        lowest value
 * @param page the page; in the {@link Sort#OPENID} order keyset paging is supported: the cursor is an openid, and
 *        {@link PageRequest#after PageRequest.after(openid)} reads the rows after it (before it, descending) at a
 *        constant cost, with {@link Page#nextCursor()} the page's last openid; start with an offset page and
 *        continue after its last openid
 * @param hasNote only followers with ({@code true}) or without ({@code false}) a local note, or {@code null}
 */
public record FollowerQuery(Boolean subscribed, Integer tagId, String search, Instant subscribedFrom,
        Instant subscribedBefore, String scene, Integer sex, Sort sort, boolean descending, PageRequest page,
        Boolean hasNote) {

    /** What followers are sorted by. */
    public enum Sort {
        /** The last follow time. */
        SUBSCRIBE_TIME,
        /** The nickname. */
        NICKNAME,
        /** The openid. */
        OPENID
    }

    /**
     * Validates and normalises (blank search or scene means none).
     *
     * @param subscribed only followers with this subscription state, or {@code null}
     * @param tagId only members of this tag ({@link TagRepository} memberships), or {@code null}
     * @param search the search text (see above), or {@code null}
     * @param subscribedFrom only followers whose subscribe time is at or after this, or {@code null}
     * @param subscribedBefore only followers whose subscribe time is before this, or {@code null}
     * @param scene only followers with this subscribe scene (e.g. {@code ADD_SCENE_QR_CODE}), or {@code null}
     * @param sex only followers of this sex (0 unknown, 1 male, 2 female), or {@code null}
     * @param sort the sort key; ties break on the openid in the same direction
     * @param descending whether to sort descending; a missing value (no subscribe time, no nickname) counts as the
     *     lowest value
     * @param page the page (keyset paging in the openid order, see the record)
     * @param hasNote only followers with ({@code true}) or without ({@code false}) a local note, or {@code null}
     */
    public FollowerQuery {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
        search = search == null || search.isBlank() ? null : search.strip();
        scene = scene == null || scene.isBlank() ? null : scene;
        if ("=".equals(search)) {
            search = null;
        }
    }

    /**
     * A query without the note filter (the shape before {@code hasNote} was added).
     *
     * @param subscribed see the record
     * @param tagId see the record
     * @param search see the record
     * @param subscribedFrom see the record
     * @param subscribedBefore see the record
     * @param scene see the record
     * @param sex see the record
     * @param sort see the record
     * @param descending see the record
     * @param page see the record
     */
    public FollowerQuery(Boolean subscribed, Integer tagId, String search, Instant subscribedFrom,
            Instant subscribedBefore, String scene, Integer sex, Sort sort, boolean descending, PageRequest page) {
        this(subscribed, tagId, search, subscribedFrom, subscribedBefore, scene, sex, sort, descending, page, null);
    }

    /**
     * The openid or unionid searched for exactly, when the search text starts with {@code =}.
     *
     * @return the id, or {@code null}
     */
    public String exactId() {
        return search != null && search.startsWith("=") ? search.substring(1).strip() : null;
    }

    /**
     * The text searched for in nickname and remark, when the search text does not start with {@code =}.
     *
     * @return the text, or {@code null}
     */
    public String containsText() {
        return search != null && !search.startsWith("=") ? search : null;
    }

    /**
     * A builder starting from this query.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.subscribed = subscribed;
        b.tagId = tagId;
        b.search = search;
        b.from = subscribedFrom;
        b.before = subscribedBefore;
        b.scene = scene;
        b.sex = sex;
        b.sort = sort;
        b.descending = descending;
        b.page = page;
        b.hasNote = hasNote;
        return b;
    }

    /**
     * Starts a query: every follower, newest subscription first, the first 20.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FollowerQuery}. */
    public static final class Builder {
        private Boolean subscribed;
        private Integer tagId;
        private String search;
        private Instant from;
        private Instant before;
        private String scene;
        private Integer sex;
        private Sort sort = Sort.SUBSCRIBE_TIME;
        private boolean descending = true;
        private PageRequest page = PageRequest.first(20);
        private Boolean hasNote;

        private Builder() {
        }

        /**
         * Filters by subscription state.
         *
         * @param value the state, or {@code null} for any
         * @return this builder
         */
        public Builder subscribed(Boolean value) {
            this.subscribed = value;
            return this;
        }

        /**
         * Filters by tag membership.
         *
         * @param value the tag id, or {@code null} for any
         * @return this builder
         */
        public Builder tagId(Integer value) {
            this.tagId = value;
            return this;
        }

        /**
         * Filters by search text.
         *
         * @param value {@code =openid}, {@code =unionid} or text in the nickname or remark; {@code null} for none
         * @return this builder
         */
        public Builder search(String value) {
            this.search = value;
            return this;
        }

        /**
         * Filters by subscribe time: at or after {@code from} and before {@code before}.
         *
         * @param fromInclusive the start, or {@code null}
         * @param beforeExclusive the end, or {@code null}
         * @return this builder
         */
        public Builder subscribedBetween(Instant fromInclusive, Instant beforeExclusive) {
            this.from = fromInclusive;
            this.before = beforeExclusive;
            return this;
        }

        /**
         * Filters by subscribe scene.
         *
         * @param value the scene, or {@code null}
         * @return this builder
         */
        public Builder scene(String value) {
            this.scene = value;
            return this;
        }

        /**
         * Filters by sex.
         *
         * @param value 0, 1 or 2, or {@code null}
         * @return this builder
         */
        public Builder sex(Integer value) {
            this.sex = value;
            return this;
        }

        /**
         * Filters by the local note.
         *
         * @param value {@code true}: only with a note, {@code false}: only without, {@code null}: any
         * @return this builder
         */
        public Builder hasNote(Boolean value) {
            this.hasNote = value;
            return this;
        }

        /**
         * Sets the order.
         *
         * @param key the sort key
         * @param desc whether descending
         * @return this builder
         */
        public Builder sort(Sort key, boolean desc) {
            this.sort = Objects.requireNonNull(key);
            this.descending = desc;
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
        public FollowerQuery build() {
            return new FollowerQuery(subscribed, tagId, search, from, before, scene, sex, sort, descending, page,
                    hasNote);
        }
    }
}
