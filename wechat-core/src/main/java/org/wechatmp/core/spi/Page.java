package org.wechatmp.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a query's results.
 *
 * <p>Totals: {@link #total} is exact when {@link #totalExact} is {@code true}. Counting stops at the request's
 * {@link PageRequest#countLimit() count limit} (10,000 by default), so counting a filter over a million rows costs
 * at most that many index entries; past it {@code total} is the limit and {@code totalExact} is {@code false}
 * ("more than 10,000"). With a count limit of 0 nothing is counted and {@code total} is -1.
 *
 * @param items the rows of this page, in the query's order
 * @param total how many rows match (see above)
 * @param totalExact whether {@code total} is exact
 * @param offset the offset of the first item (0 for keyset pages)
 * @param limit the page size asked for
 * @param hasNext whether more rows follow this page
 * @param nextCursor for keyset queries, the cursor of the next page ({@link PageRequest#after}); otherwise or on
 *        the last page {@code null}
 * @param <T> the row type
 */
public record Page<T>(List<T> items, long total, boolean totalExact, int offset, int limit, boolean hasNext,
        String nextCursor) {

    /**
     * Validates and copies.
     *
     * @param items the rows of this page, in the query's order
     * @param total how many rows match (see above)
     * @param totalExact whether {@code total} is exact
     * @param offset the offset of the first item (0 for keyset pages)
     * @param limit the page size asked for
     * @param hasNext whether more rows follow this page
     * @param nextCursor for keyset queries, the cursor of the next page ({@link PageRequest#after}); otherwise or on
     *     the last page {@code null}
     */
    public Page {
        items = List.copyOf(items);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }

    /**
     * The same page with its items converted.
     *
     * @param fn the conversion
     * @param <R> the new row type
     * @return the page
     */
    public <R> Page<R> map(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn);
        return new Page<>(items.stream().<R>map(fn).toList(), total, totalExact, offset, limit, hasNext, nextCursor);
    }

    /**
     * The page number, counted from 1, for offset pages.
     *
     * @return the number
     */
    public int pageNumber() {
        return offset / limit + 1;
    }

    /**
     * Builds a page from the rows a store read: {@code rows} holds up to {@code limit + 1} rows, the extra one
     * only telling that more follow.
     *
     * @param rows up to limit + 1 rows
     * @param request the request
     * @param total the counted total (-1 when not counted)
     * @param cursor makes the next cursor from the last row of the page, or {@code null} for offset paging
     * @param <T> the row type
     * @return the page
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, long total, Function<T, String> cursor) {
        boolean more = rows.size() > request.limit();
        List<T> items = more ? rows.subList(0, request.limit()) : rows;
        long counted = total;
        boolean exact;
        if (request.countLimit() == 0) {
            counted = -1;
            exact = false;
        } else if (total > request.countLimit()) {
            counted = request.countLimit();
            exact = false;
        } else {
            exact = true;
        }
        String next = more && cursor != null && !items.isEmpty() ? cursor.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, counted, exact, request.cursor() == null ? request.offset() : 0, request.limit(),
                more, next);
    }

    /**
     * An offset page cut from every matching row, already sorted (for stores that filter in memory).
     *
     * @param all every matching row, in order
     * @param request the page request (its cursor is ignored)
     * @param <T> the row type
     * @return the page
     */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        PageRequest r = request.cursor() == null ? request : request.offset(0);
        int from = Math.min(all.size(), r.offset());
        int to = (int) Math.min(all.size(), (long) from + r.limit() + 1);
        return of(all.subList(from, to), r, all.size(), null);
    }
}
