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
        return entry(id, "o", xml);
    }

    static MessageLogEntry entry(long id, String openid, String xml) {
        return new MessageLogEntry("a", MessageLogEntry.Direction.IN, id, openid, "text", "", "", xml, Instant.EPOCH);
    }

    /** Which of two writers a follower's entries go to. */
    static int writerOf(String openid) {
        return Math.floorMod(("a\u0000" + openid).hashCode(), 2);
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
    void whileOneBatchWaitsForTheStoreOtherFollowersEntriesAreWrittenAndEachFollowersStayInOrder() throws Exception {
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
            // followers whose entries go to the other writer
            List<String> others = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "f" + i)
                    .filter(f -> writerOf(f) != writerOf("o")).limit(5).toList();
            for (int i = 1; i <= 50; i++) {
                log.offer(entry(i, others.get(i % others.size()), "<ok/>"));
            }
            log.offer(entry(51, "<ok/>")); // the stuck follower's next entry waits behind its first
            long end = System.nanoTime() + 10_000_000_000L;
            while (store.written().size() < 50 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(store.written()).hasSize(50); // all the other followers', written meanwhile
            release.countDown();
            log.flush(10_000);
            assertThat(store.written()).hasSize(52);
            assertThat(store.written()).filteredOn(e -> e.openid().equals("o")).extracting(MessageLogEntry::msgId)
                    .containsExactly(0L, 51L);
            assertThat(log.dropped()).isZero();
        }
    }
}
