package org.wechatmp.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bad row costs only itself. */
class AsyncMessageLogTest {
    /** A store that refuses any batch holding the row whose XML is {@code <bad/>}, as a constraint would. */
    static class PickyStore implements MessageLogStore {
        final List<MessageLogEntry> written = new ArrayList<>();

        @Override
        public synchronized void append(List<MessageLogEntry> entries) {
            if (entries.stream().anyMatch(e -> e.xml().equals("<bad/>"))) {
                throw new IllegalStateException("value too long for column");
            }
            written.addAll(entries);
        }

        @Override
        public org.wechatmp.core.spi.Page<LoggedMessage> query(String account, MessageLogQuery query) {
            throw new UnsupportedOperationException("write-only test store");
        }

        synchronized List<MessageLogEntry> written() {
            return List.copyOf(written);
        }
    }

    static MessageLogEntry entry(long id, String xml) {
        return new MessageLogEntry("a", MessageLogEntry.Direction.IN, id, "o", "text", "", "", xml, Instant.EPOCH);
    }

    @Test
    void aRowTheStoreRefusesIsDroppedAloneAndCounted() {
        PickyStore store = new PickyStore();
        try (AsyncMessageLog log = new AsyncMessageLog(store, 1_000)) {
            for (int i = 0; i < 50; i++) {
                log.offer(entry(i, i == 17 ? "<bad/>" : "<ok/>"));
            }
            log.flush(10_000);
            assertThat(store.written()).hasSize(49);
            assertThat(store.written()).extracting(MessageLogEntry::msgId).doesNotContain(17L);
            assertThat(log.dropped()).isEqualTo(1);
            log.offer(entry(99, "<ok/>"));
            log.flush(10_000);
            assertThat(store.written()).hasSize(50);
        }
    }

    @Test
    void whileOneBatchWaitsForTheStoreTheNextIsWritten() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PickyStore store = new PickyStore() {
            @Override
            public void append(List<MessageLogEntry> entries) {
                if (entries.get(0).msgId() == 0) { // the first batch: a slow database
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.append(entries);
            }
        };
        try (AsyncMessageLog log = new AsyncMessageLog(store, 100)) {
            log.offer(entry(0, "<ok/>"));
            assertThat(stuck.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 50; i++) {
                log.offer(entry(i, "<ok/>"));
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (store.written().size() < 50 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(store.written()).hasSize(50); // all but the stuck one, written meanwhile
            release.countDown();
            log.flush(10_000);
            assertThat(store.written()).hasSize(51);
            assertThat(log.dropped()).isZero();
        }
    }
}
