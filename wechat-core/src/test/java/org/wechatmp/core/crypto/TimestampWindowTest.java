package org.wechatmp.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampWindowTest {
    final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    final TimestampWindow window = TimestampWindow.of(clock, TimestampWindow.DEFAULT_TOLERANCE);

    @Test
    void acceptsTimestampsInsideTheWindowEitherWay() {
        assertThat(window.check("1700000000")).isEqualTo(1_700_000_000L);
        assertThat(window.check("1699999820")).isEqualTo(1_699_999_820L);
        assertThat(window.check("1700000180")).isEqualTo(1_700_000_180L);
    }

    @Test
    void refusesTimestampsOutsideTheWindow() {
        assertBad("1699999819");
        assertBad("1700000181");
        assertBad("0");
    }

    @Test
    void extremeTimestampsCannotOverflowIntoTheWindow() {
        long now = 1_700_000_000L;
        assertBad(Long.toString(Long.MIN_VALUE));
        assertBad(Long.toString(Long.MAX_VALUE));
        assertBad(Long.toString(Long.MIN_VALUE + now)); // now - ts == Long.MIN_VALUE: Math.abs stays negative
        assertBad(Long.toString(Long.MIN_VALUE + now + 1));
        assertBad(Long.toString(now - Long.MAX_VALUE));
        assertBad(Long.toString(now + 181));
        assertBad(Long.toString(now - 181));
        assertThat(window.check(Long.toString(now + 180))).isEqualTo(now + 180);
        assertThat(window.check(Long.toString(now - 180))).isEqualTo(now - 180);
        TimestampWindow wide = TimestampWindow.of(clock, Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(wide.check(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> wide.check(Long.toString(Long.MIN_VALUE))).isInstanceOf(WeChatCryptoException.class);
    }

    @Test
    void refusesMissingOrNonNumericTimestamps() {
        assertBad(null);
        assertBad("");
        assertBad("abc");
        assertBad("99999999999999999999999");
    }

    @Test
    void defaultToleranceIs180Seconds() {
        assertThat(TimestampWindow.defaults().tolerance()).isEqualTo(Duration.ofSeconds(180));
    }

    private void assertBad(String ts) {
        assertThatThrownBy(() -> window.check(ts)).isInstanceOfSatisfying(WeChatCryptoException.class,
                e -> assertThat(e.reason()).isEqualTo(WeChatCryptoException.Reason.BAD_TIMESTAMP));
    }
}
