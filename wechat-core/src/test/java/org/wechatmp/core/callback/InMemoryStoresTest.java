package org.wechatmp.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The in-memory stores: entries expire on the injected clock, and the size is bounded. */
class InMemoryStoresTest {
    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.ofEpochSecond(1_700_000_000L);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void noncesAndDeliveriesExpireOnTheClock() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 1_000);
        Instant inAMinute = clock.instant().plusSeconds(60);
        assertThat(stores.firstUse("a", "1:n", inAMinute)).isTrue();
        assertThat(stores.firstUse("a", "1:n", inAMinute)).isFalse();
        assertThat(stores.firstUse("b", "1:n", inAMinute)).isTrue();
        assertThat(stores.begin("k", inAMinute).state()).isEqualTo(Deduplicator.State.CLAIMED);
        assertThat(stores.begin("k", inAMinute).state()).isEqualTo(Deduplicator.State.IN_PROGRESS);
        stores.finish("k", "<xml/>", inAMinute);
        assertThat(stores.begin("k", inAMinute)).isEqualTo(new Deduplicator.Status(Deduplicator.State.DONE, "<xml/>"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(stores.get("k")).isPresent();
        assertThat(stores.firstUse("a", "1:n", inAMinute)).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(stores.get("k")).isEmpty();
        assertThat(stores.firstUse("a", "1:n", clock.instant().plusSeconds(60))).isTrue();
        assertThat(stores.begin("k", clock.instant().plusSeconds(60)).state()).isEqualTo(Deduplicator.State.CLAIMED);
    }

    @Test
    void aFinishWithAnotherExpiryKeepsTheRecordUntilThen() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 1_000);
        assertThat(stores.begin("k", clock.instant().plusSeconds(10)).state()).isEqualTo(Deduplicator.State.CLAIMED);
        stores.finish("k", "<xml>late</xml>", clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));
        assertThat(stores.get("k")).contains(new Deduplicator.Status(Deduplicator.State.DONE, "<xml>late</xml>"));
        // finishing a record that has expired (or was never claimed) records it anew
        stores.finish("gone", "", clock.instant().plusSeconds(5));
        assertThat(stores.get("gone")).contains(new Deduplicator.Status(Deduplicator.State.DONE, ""));
        clock.advance(Duration.ofSeconds(6));
        assertThat(stores.get("gone")).isEmpty();
    }

    @Test
    void expiredEntriesAreDroppedAndTheSizeIsBounded() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 5_000);
        for (int i = 0; i < 20_000; i++) {
            Instant expires = clock.instant().plusSeconds(10);
            stores.firstUse("a", "n" + i, expires);
            stores.begin("m" + i, expires);
        }
        assertThat(stores.size()).isLessThanOrEqualTo(10_000); // two caches of at most 5,000
        clock.advance(Duration.ofSeconds(11));
        assertThat(stores.size()).isZero();
    }

    @Test
    void anExpiredEntryReadsAsAbsentWhereverItIsQueued() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 100);
        // a long-lived record first: the short-lived one behind it expires on reads although not yet swept
        stores.begin("long", clock.instant().plusSeconds(600));
        stores.begin("short", clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(6));
        assertThat(stores.get("short")).isEmpty();
        assertThat(stores.begin("short", clock.instant().plusSeconds(5)).state())
                .isEqualTo(Deduplicator.State.CLAIMED);
        assertThat(stores.get("long")).isPresent();
    }

    @Test
    void pastTheBoundTheOldestWritesGoFirstAndAReplacedRecordKeepsItsNewPlace() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 100);
        Instant later = clock.instant().plusSeconds(600);
        stores.begin("a", later);
        stores.begin("long", later);
        for (int i = 0; i < 50; i++) {
            stores.begin("x" + i, later);
        }
        // a finish with another expiry writes the record anew, at the back of the line
        stores.finish("long", "<xml>r</xml>", clock.instant().plusSeconds(900));
        for (int i = 50; i < 109; i++) {
            stores.begin("x" + i, later);
        }
        // 111 entries written, bound 100: writing the 101st found the store full and forgot the oldest down to half
        // the bound (50: "a", x0 to x48); the old record's place did not count against the replaced one
        assertThat(stores.get("long")).contains(new Deduplicator.Status(Deduplicator.State.DONE, "<xml>r</xml>"));
        assertThat(stores.get("a")).isEmpty();
        assertThat(stores.get("x48")).isEmpty();
        assertThat(stores.get("x49")).isPresent();
        assertThat(stores.size()).isEqualTo(61);
        assertThat(stores.get("x108")).isPresent();
    }

    @Test
    void concurrentWritersKeepTheBoundAndEachNonceIsFirstOnce() throws Exception {
        InMemoryStores stores = new InMemoryStores(Clock.systemUTC(), 10_000);
        java.util.concurrent.atomic.AtomicInteger firsts = new java.util.concurrent.atomic.AtomicInteger();
        Instant later = Instant.now().plusSeconds(600);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    if (stores.firstUse("a", "n" + i, later)) {
                        firsts.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(firsts.get()).isEqualTo(5_000);
        for (int i = 0; i < 50_000; i++) {
            stores.begin("m" + i, later);
        }
        assertThat(stores.size()).isLessThanOrEqualTo(20_000);
        assertThat(stores.get("m49999")).isPresent();
        assertThat(stores.get("m0")).isEmpty();
    }

    @Test
    void expiredEntriesGiveWayWithoutBreakingOtherKeysProbeChains() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 1_000);
        // short-lived and long-lived keys interleaved in the same table, so probe chains run through both
        for (int i = 0; i < 400; i++) {
            stores.begin("short" + i, clock.instant().plusSeconds(10));
            stores.begin("long" + i, clock.instant().plusSeconds(600));
        }
        clock.advance(Duration.ofSeconds(11));
        // new keys fill the table and a rebuild drops the expired ones in place; every long-lived key is still found,
        // every short one is gone
        for (int i = 0; i < 400; i++) {
            assertThat(stores.begin("new" + i, clock.instant().plusSeconds(600)).state())
                    .isEqualTo(Deduplicator.State.CLAIMED);
        }
        for (int i = 0; i < 400; i++) {
            assertThat(stores.begin("long" + i, clock.instant().plusSeconds(600)).state()).as("long" + i)
                    .isEqualTo(Deduplicator.State.IN_PROGRESS);
            assertThat(stores.begin("new" + i, clock.instant().plusSeconds(600)).state()).as("new" + i)
                    .isEqualTo(Deduplicator.State.IN_PROGRESS);
            assertThat(stores.get("short" + i)).isEmpty();
        }
        assertThat(stores.size()).isEqualTo(800);
    }

    @Test
    void aNoncesTwoPartsAreNotConfusedWithAnotherSplitOfTheSameCharacters() {
        InMemoryStores stores = new InMemoryStores(new ManualClock(), 1_000);
        Instant later = Instant.ofEpochSecond(1_700_000_600L);
        assertThat(stores.firstUse("ab", "c", later)).isTrue();
        assertThat(stores.firstUse("a", "bc", later)).isTrue();
        assertThat(stores.firstUse("abc", "", later)).isTrue();
        assertThat(stores.firstUse("ab", "c", later)).isFalse();
    }

    @Test
    void aLargeStoreKeepsItsBoundAndTheNewestEntriesUnderSustainedWrites() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 100_000);
        Instant later = clock.instant().plusSeconds(600);
        for (int i = 0; i < 300_000; i++) {
            assertThat(stores.firstUse("acc", "n" + i, later)).isTrue();
        }
        // 64 stripes, each forgetting its own oldest: the newest writes are all there, the oldest all gone
        long size = stores.size();
        assertThat(size).isBetween(50_000L, 100_000L);
        for (int i = 299_000; i < 300_000; i++) {
            assertThat(stores.firstUse("acc", "n" + i, later)).as("n" + i).isFalse();
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(stores.firstUse("acc", "n" + i, later)).as("n" + i).isTrue();
        }
    }

    @Test
    void recordedRepliesReadBackWhole() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 1_000);
        Instant later = clock.instant().plusSeconds(600);
        String chinese = "<xml><Content><![CDATA[收到：你好 😀]]></Content></xml>";
        String large = "<xml>" + "长".repeat(40_000) + "</xml>";
        stores.begin("a", later);
        stores.finish("a", chinese, later);
        stores.begin("b", later);
        stores.finish("b", large, later);
        stores.begin("c", later);
        stores.finish("c", null, later);
        assertThat(stores.get("a")).contains(new Deduplicator.Status(Deduplicator.State.DONE, chinese));
        assertThat(stores.get("b")).contains(new Deduplicator.Status(Deduplicator.State.DONE, large));
        assertThat(stores.get("c")).contains(new Deduplicator.Status(Deduplicator.State.DONE, ""));
        assertThat(stores.begin("a", later)).isEqualTo(new Deduplicator.Status(Deduplicator.State.DONE, chinese));
    }

    @Test
    void pastTheReplyBytesARecordGoesWithItsReplyAndNeverAnswersWithAnotherOne() {
        ManualClock clock = new ManualClock();
        // 100 records of at most 512 reply bytes on average: 64 KiB; these replies are 2 KB, so bytes run out first
        InMemoryStores stores = new InMemoryStores(clock, 100);
        Instant later = clock.instant().plusSeconds(600);
        for (int i = 0; i < 100; i++) {
            stores.begin("k" + i, later);
            stores.finish("k" + i, ("<reply " + i + "/>").repeat(150), later);
        }
        int held = 0;
        for (int i = 0; i < 100; i++) {
            var status = stores.get("k" + i);
            if (status.isPresent()) {
                held++;
                assertThat(status.get().reply()).isEqualTo(("<reply " + i + "/>").repeat(150));
            } else {
                // gone with its reply: a redelivery claims it anew rather than answering wrongly
                assertThat(stores.begin("k" + i, later).state()).isEqualTo(Deduplicator.State.CLAIMED);
            }
        }
        assertThat(held).isBetween(20, 99);
        assertThat(stores.get("k99")).isPresent();
    }

    @Test
    void underRandomWritesExpiryAndEvictionARecordIsFoundWithItsOwnReplyOrNotAtAll() {
        ManualClock clock = new ManualClock();
        InMemoryStores stores = new InMemoryStores(clock, 1_000); // one stripe: "oldest first" is exact
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        java.util.Map<String, Instant> expiry = new java.util.HashMap<>();
        java.util.Map<String, String> reply = new java.util.HashMap<>();
        java.util.Map<String, Integer> written = new java.util.HashMap<>(); // the step of the record's last new write
        for (int step = 0; step < 60_000; step++) {
            String key = "k" + random.nextInt(4_000);
            Instant expires = clock.instant().plusSeconds(random.nextInt(5, 60));
            String r = random.nextBoolean() ? "" : key + "@" + step + "x".repeat(random.nextInt(300));
            boolean inPlace = expires.equals(expiry.get(key)) && expires.isAfter(clock.instant());
            stores.finish(key, r, expires); // a live record with the same expiry takes the reply in place
            if (!inPlace) {
                written.put(key, step);
            }
            expiry.put(key, expires);
            reply.put(key, r);
            if (random.nextInt(100) == 0) {
                clock.advance(Duration.ofSeconds(random.nextInt(1, 20)));
            }
            if (step % 1_000 == 999) {
                for (int k = 0; k < 4_000; k++) {
                    String probe = "k" + k;
                    var found = stores.get(probe);
                    boolean live = expiry.containsKey(probe) && expiry.get(probe).isAfter(clock.instant());
                    if (found.isPresent()) {
                        assertThat(live).as(probe).isTrue();
                        assertThat(found.get().reply()).as(probe).isEqualTo(reply.get(probe));
                    }
                }
                // the last 400 new writes are within the newest half of the bound: each live one is there
                for (var e : written.entrySet()) {
                    if (e.getValue() > step - 400 && expiry.get(e.getKey()).isAfter(clock.instant())) {
                        assertThat(stores.get(e.getKey())).as(e.getKey()).isPresent();
                    }
                }
            }
        }
    }

    @Test
    void concurrentClaimsAndFinishesEachReadBackTheirOwnReplyWhileStripesRebuildAndRingsGrow() throws Exception {
        // 4,096 records over 4 stripes: 4 threads write 80,000 records with replies of up to 1 KB, so stripes are
        // compacted and reply rings grow and wrap while other threads read
        InMemoryStores stores = new InMemoryStores(Clock.systemUTC(), 4_096);
        Instant later = Instant.now().plusSeconds(600);
        java.util.concurrent.atomic.AtomicInteger claimedTwice = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    String key = "t" + thread + ":" + i;
                    String reply = key + "|" + "回".repeat(i % 300);
                    if (stores.begin(key, later).state() != Deduplicator.State.CLAIMED) {
                        claimedTwice.incrementAndGet();
                    }
                    stores.finish(key, reply, later);
                    // read back a recent record of another thread: its own reply, or gone
                    String other = "t" + ((thread + 1) % 4) + ":" + Math.max(0, i - 50);
                    stores.get(other).ifPresent(st -> {
                        if (st.state() == Deduplicator.State.DONE && !st.reply().startsWith(other + "|")) {
                            wrong.add(other + " -> " + st.reply().substring(0, Math.min(40, st.reply().length())));
                        }
                    });
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(claimedTwice.get()).isZero();
        assertThat(wrong).isEmpty();
        // which threads' last records survived depends on who finished last; written now, in order, the last 400
        // are each in their stripe's newest half, and their replies in its ring
        for (int i = 0; i < 2_000; i++) {
            String key = "after:" + i;
            stores.begin(key, later);
            stores.finish(key, key + "|" + "回".repeat(i % 300), later);
        }
        for (int i = 1_600; i < 2_000; i++) {
            String key = "after:" + i;
            assertThat(stores.get(key)).as(key).contains(new Deduplicator.Status(Deduplicator.State.DONE,
                    key + "|" + "回".repeat(i % 300)));
        }
        assertThat(stores.size()).isLessThanOrEqualTo(2 * 4_096);
    }
}
