package org.wechatmp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
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

    @Test
    void locksAfterTheFifthFailureUntilTheWindowPasses() {
        MutableClock clock = new MutableClock();
        LoginThrottle t = new LoginThrottle(clock, 5, Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            t.failed("Alice", "10.0.0.1");
            assertThat(t.locked("alice", "10.0.0.1")).isFalse();
        }
        t.failed("alice", "10.0.0.1");
        assertThat(t.locked("alice", "10.0.0.1")).isTrue();
        assertThat(t.locked("alice", "10.0.0.2")).as("another address").isFalse();
        assertThat(t.locked("bob", "10.0.0.1")).as("another user").isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(t.locked("alice", "10.0.0.1")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(t.locked("alice", "10.0.0.1")).isFalse();
        t.failed("alice", "10.0.0.1");
        assertThat(t.locked("alice", "10.0.0.1")).as("the old failures expired").isFalse();
    }

    @Test
    void successClearsTheFailures() {
        MutableClock clock = new MutableClock();
        LoginThrottle t = new LoginThrottle(clock, 2, Duration.ofMinutes(15));
        t.failed("alice", "ip");
        t.succeeded("alice", "ip");
        t.failed("alice", "ip");
        assertThat(t.locked("alice", "ip")).isFalse();
        t.failed("alice", "ip");
        assertThat(t.locked("alice", "ip")).isTrue();
    }

    @Test
    void argon2idHashesVerifyAndNeverMatchAnUnknownUser() {
        PasswordHasher h = new PasswordHasher();
        String hash = h.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(h.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
        assertThat(h.verify("correct horse battery", hash)).isTrue();
        assertThat(h.verify("wrong", hash)).isFalse();
        assertThat(h.verify("correct horse battery", null)).isFalse();
        assertThat(h.verify("x", "not a hash")).isFalse();
    }

    @Test
    void setupTokenMatchesOnceConsumedNever() {
        SetupToken t = SetupToken.random();
        assertThat(t.value()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(t.matches(t.value())).isTrue();
        assertThat(t.matches(t.value() + "x")).isFalse();
        assertThat(t.matches(null)).isFalse();
        t.consume();
        assertThat(t.value()).isNull();
        assertThat(t.matches("anything")).isFalse();
        assertThat(SetupToken.none().matches("")).isFalse();
    }
}
