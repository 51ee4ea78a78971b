package org.wechatmp.core.callback;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.wechatmp.core.spi.PageRequest;

/**
 * A filtered read of an account's message log ({@link MessageLogStore#query}), newest first (creation time desc,
 * then id desc), paged by keyset: pass the {@link org.wechatmp.core.spi.Page#nextCursor()} of a page to
 * {@link PageRequest#after} for the next one; an offset is ignored. Filters are optional and combine with AND. Build
 * with {@link #builder()}.
 *
 * @param direction only this direction, or {@code null}
 * @param msgType only this message type, or {@code null}
 * @param event only this event, or {@code null}
 * @param handler only lines of this handler, or {@code null}
 * @param openid only this user's lines, or {@code null}
 * @param from only lines created at or after this, or {@code null}
 * @param before only lines created before this, or {@code null}
 * @param content only lines whose XML contains this text, ignoring case, or {@code null}; the store scans the
 *        lines the other filters leave, so combine it with a user or a time range on large logs
 * @param page the page
 */
public record MessageLogQuery(MessageLogEntry.Direction direction, String msgType, String event, String handler,
        String openid, Instant from, Instant before, String content, PageRequest page) {

    /**
     * Validates and normalises (blank strings mean no filter).
     *
     * @param direction only this direction, or {@code null}
     * @param msgType only this message type, or {@code null}
     * @param event only this event, or {@code null}
     * @param handler only lines of this handler, or {@code null}
     * @param openid only this user's lines, or {@code null}
     * @param from only lines created at or after this, or {@code null}
     * @param before only lines created before this, or {@code null}
     * @param content only lines whose XML contains this text, ignoring case, or {@code null}; the store scans the
     *     lines the other filters leave, so combine it with a user or a time range on large logs
     * @param page the page
     */
    public MessageLogQuery {
        Objects.requireNonNull(page, "page");
        msgType = blankToNull(msgType);
        event = blankToNull(event);
        handler = blankToNull(handler);
        openid = blankToNull(openid);
        content = blankToNull(content);
        if (page.cursor() != null) {
            Cursor.parse(page.cursor());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * The lines of one user, newest first: a conversation thread.
     *
     * @param openid the user
     * @param page the page
     * @return the query
     */
    public static MessageLogQuery thread(String openid, PageRequest page) {
        return builder().openid(Objects.requireNonNull(openid)).page(page).build();
    }

    /**
     * Whether a stored line matches the filters and comes after the cursor (for stores that filter in memory).
     *
     * @param m the line
     * @return {@code true} when it matches
     */
    public boolean matches(LoggedMessage m) {
        MessageLogEntry e = m.entry();
        long t = e.createdAt().toEpochMilli();
        if (page.cursor() != null) {
            Cursor c = Cursor.parse(page.cursor());
            if (t > c.createdAtMillis() || (t == c.createdAtMillis() && m.id() >= c.id())) {
                return false;
            }
        }
        return (direction == null || e.direction() == direction) && (msgType == null || msgType.equals(e.msgType()))
                && (event == null || event.equals(e.event())) && (handler == null || handler.equals(e.handler()))
                && (openid == null || openid.equals(e.openid()))
                && (from == null || !e.createdAt().isBefore(from)) && (before == null || e.createdAt().isBefore(before))
                && (content == null || (e.xml() != null
                        && e.xml().toLowerCase(Locale.ROOT).contains(content.toLowerCase(Locale.ROOT))));
    }

    /**
     * Starts a query: every line, the newest 50.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A position in the log: the creation time and id of the last line read.
     *
     * @param createdAtMillis the line's creation time in epoch milliseconds
     * @param id the line's id
     */
    public record Cursor(long createdAtMillis, long id) {
        /**
         * Reads a cursor made by {@link #toString()}.
         *
         * @param s the text
         * @return the cursor
         * @throws IllegalArgumentException when it is not a cursor
         */
        public static Cursor parse(String s) {
            int dot = s.indexOf('.');
            try {
                if (dot > 0) {
                    return new Cursor(Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1)));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("not a message log cursor");
        }

        @Override
        public String toString() {
            return createdAtMillis + "." + id;
        }
    }

    /** Builds a {@link MessageLogQuery}. */
    public static final class Builder {
        private MessageLogEntry.Direction direction;
        private String msgType;
        private String event;
        private String handler;
        private String openid;
        private Instant from;
        private Instant before;
        private String content;
        private PageRequest page = PageRequest.first(50);

        private Builder() {
        }

        /**
         * Filters by direction.
         *
         * @param value the direction, or {@code null}
         * @return this builder
         */
        public Builder direction(MessageLogEntry.Direction value) {
            this.direction = value;
            return this;
        }

        /**
         * Filters by message type.
         *
         * @param value e.g. {@code text}, {@code event}; or {@code null}
         * @return this builder
         */
        public Builder msgType(String value) {
            this.msgType = value;
            return this;
        }

        /**
         * Filters by event.
         *
         * @param value e.g. {@code subscribe}, {@code CLICK}; or {@code null}
         * @return this builder
         */
        public Builder event(String value) {
            this.event = value;
            return this;
        }

        /**
         * Filters by handler name.
         *
         * @param value the handler, or {@code null}
         * @return this builder
         */
        public Builder handler(String value) {
            this.handler = value;
            return this;
        }

        /**
         * Filters by user.
         *
         * @param value the openid, or {@code null}
         * @return this builder
         */
        public Builder openid(String value) {
            this.openid = value;
            return this;
        }

        /**
         * Filters by creation time: at or after {@code fromInclusive} and before {@code beforeExclusive}.
         *
         * @param fromInclusive the start, or {@code null}
         * @param beforeExclusive the end, or {@code null}
         * @return this builder
         */
        public Builder between(Instant fromInclusive, Instant beforeExclusive) {
            this.from = fromInclusive;
            this.before = beforeExclusive;
            return this;
        }

        /**
         * Filters by text in the XML.
         *
         * @param value the text, or {@code null}
         * @return this builder
         */
        public Builder content(String value) {
            this.content = value;
            return this;
        }

        /**
         * Sets the page.
         *
         * @param value the page; continue with {@link PageRequest#after}
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
         * @throws IllegalArgumentException when the page's cursor is not a message log cursor
         */
        public MessageLogQuery build() {
            return new MessageLogQuery(direction, msgType, event, handler, openid, from, before, content, page);
        }
    }
}
