package org.wechatmp.core.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy iteration over cursor-paged WeChat lists. */
final class Pages {
    private Pages() {
    }

    /** One page: its items and the cursor of the next page, or {@code null}/empty when this was the last. */
    record Page<T>(List<T> items, String next) {
    }

    /** Streams every item, fetching the next page only when the previous one is consumed. */
    static <T> Stream<T> stream(String start, Function<String, Page<T>> fetch) {
        Iterator<T> it = new Iterator<>() {
            private Iterator<T> current = List.<T>of().iterator();
            private String cursor = start;
            private boolean done;
            private boolean first = true;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    if (!first && (cursor == null || cursor.isEmpty())) {
                        done = true;
                        break;
                    }
                    first = false;
                    Page<T> page = fetch.apply(cursor);
                    if (page.items().isEmpty()) {
                        done = true;
                        break;
                    }
                    String next = page.next();
                    if (next != null && next.equals(cursor)) {
                        next = null; // a cursor that does not move would loop forever
                    }
                    cursor = next;
                    current = page.items().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    /** Splits a list into chunks of at most {@code size}. */
    static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }
}
