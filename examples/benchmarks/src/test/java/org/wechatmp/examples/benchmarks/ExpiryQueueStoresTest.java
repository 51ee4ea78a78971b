package org.wechatmp.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.callback.Deduplicator.State;
import org.wechatmp.core.callback.Deduplicator.Status;

class ExpiryQueueStoresTest {
    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

    private final MutableClock clock = new MutableClock();
    private final ExpiryQueueStores stores = new ExpiryQueueStores(clock);

    @Test
    void aNonceIsNewOnceUntilItExpires() {
        Instant expires = clock.now.plusSeconds(180);
        assertThat(stores.firstUse("a", "n1", expires)).isTrue();
        assertThat(stores.firstUse("a", "n1", expires)).isFalse();
        assertThat(stores.firstUse("b", "n1", expires)).isTrue();
        clock.now = clock.now.plusSeconds(181);
        assertThat(stores.firstUse("a", "n1", clock.now.plusSeconds(180))).isTrue();
    }

    @Test
    void aDeliveryIsClaimedOnceAndThenAnswersWithItsReply() {
        Instant expires = clock.now.plusSeconds(120);
        assertThat(stores.begin("k", expires)).isEqualTo(new Status(State.CLAIMED, ""));
        assertThat(stores.begin("k", expires).state()).isEqualTo(State.IN_PROGRESS);
        stores.finish("k", "<xml/>", expires);
        assertThat(stores.begin("k", expires)).isEqualTo(new Status(State.DONE, "<xml/>"));
        assertThat(stores.get("k")).contains(new Status(State.DONE, "<xml/>"));
        clock.now = clock.now.plusSeconds(121);
        assertThat(stores.get("k")).isEmpty();
        assertThat(stores.begin("k", clock.now.plusSeconds(120)).state()).isEqualTo(State.CLAIMED);
    }

    @Test
    void expiredEntriesLeaveAsTimePassesButRenewedOnesStay() {
        for (int i = 0; i < 1_000; i++) {
            stores.firstUse("a", "n" + i, clock.now.plusSeconds(180));
            stores.begin("k" + i, clock.now.plusSeconds(120));
        }
        assertThat(stores.size()).isEqualTo(2_000);
        clock.now = clock.now.plus(Duration.ofSeconds(121));
        stores.firstUse("a", "fresh", clock.now.plusSeconds(180));
        assertThat(stores.size()).isEqualTo(1_001);
        stores.begin("k0", clock.now.plusSeconds(120));
        clock.now = clock.now.plus(Duration.ofSeconds(60));
        stores.firstUse("a", "fresh2", clock.now.plusSeconds(180));
        // the nonces n0..n999 expired, k0 was claimed again and is still live
        assertThat(stores.size()).isEqualTo(3);
        assertThat(stores.begin("k0", clock.now.plusSeconds(120)).state()).isEqualTo(State.IN_PROGRESS);
    }
}
