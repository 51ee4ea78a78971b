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
