package org.wechatmp.core.spi;

/**
 * Which page of a query to read: an offset or a keyset cursor, a size, and how far to count.
 *
 * <p>Offset paging ({@link #ofPage}, {@link #offset(int)}) suits lists a person pages through; its cost grows with
 * the offset. Keyset paging ({@link #after}) continues from the {@link Page#nextCursor()} of the previous page at a
 * constant cost; queries that support it say so. A cursor is opaque and belongs to the query that made it.
 *
 * @param offset rows to skip (ignored when a cursor is given)
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param cursor the keyset cursor, or {@code null}
 * @param countLimit count matching rows up to this many (0: do not count); see {@link Page}
 */
public record PageRequest(int offset, int limit, String cursor, int countLimit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 1_000;
    /** The default count limit. */
    public static final int DEFAULT_COUNT_LIMIT = 10_000;

    /**
     * Validates.
     *
     * @param offset rows to skip (ignored when a cursor is given)
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @param cursor the keyset cursor, or {@code null}
     * @param countLimit count matching rows up to this many (0: do not count); see {@link Page}
     */
    public PageRequest {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (countLimit < 0) {
            throw new IllegalArgumentException("countLimit must be >= 0");
        }
        if (cursor != null && cursor.isEmpty()) {
            cursor = null;
        }
    }

    /**
     * The first page.
     *
     * @param limit the page size
     * @return the request
     */
    public static PageRequest first(int limit) {
        return new PageRequest(0, limit, null, DEFAULT_COUNT_LIMIT);
    }

    /**
     * A page by number.
     *
     * @param page the page number, from 1
     * @param size the page size
     * @return the request
     */
    public static PageRequest ofPage(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1");
        }
        return new PageRequest(Math.multiplyExact(page - 1, size), size, null, DEFAULT_COUNT_LIMIT);
    }

    /**
     * The same request at another offset.
     *
     * @param newOffset the offset
     * @return the request
     */
    public PageRequest offset(int newOffset) {
        return new PageRequest(newOffset, limit, null, countLimit);
    }

    /**
     * The same request continuing after a cursor (keyset paging).
     *
     * @param newCursor a {@link Page#nextCursor()}
     * @return the request
     */
    public PageRequest after(String newCursor) {
        return new PageRequest(0, limit, newCursor, countLimit);
    }

    /**
     * The same request counting up to another limit.
     *
     * @param newCountLimit the count limit (0: do not count)
     * @return the request
     */
    public PageRequest countUpTo(int newCountLimit) {
        return new PageRequest(offset, limit, cursor, newCountLimit);
    }

    /**
     * The same request counting exactly, however many rows match (costly on large filters).
     *
     * @return the request
     */
    public PageRequest exactCount() {
        return countUpTo(Integer.MAX_VALUE);
    }

    /**
     * The request for the page after a page read with this request.
     *
     * @param page the page read
     * @return the next request
     */
    public PageRequest next(Page<?> page) {
        return page.nextCursor() != null ? after(page.nextCursor()) : offset(offset + limit);
    }
}
