package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.EncryptMode;

/** WeChat's 48-hour customer-service window, by the injected clock. */
class ConversationWindowTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Account account(boolean logMessages) {
        return new Account("a", "A", Account.Type.SERVICE, "wx1", "s", "t", "", EncryptMode.PLAIN, logMessages, true,
                Map.of());
    }

    @Test
    void openForFortyEightHoursAfterTheLastMessage() {
        ConversationWindow w = ConversationWindow.of(account(true), NOW.minus(Duration.ofHours(47)), CLOCK);
        assertThat(w.open()).isTrue();
        assertThat(w.until()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(ConversationWindow.of(account(true), NOW.minus(Duration.ofHours(48)), CLOCK).open()).isFalse();
        assertThat(ConversationWindow.of(account(true), NOW.minus(Duration.ofDays(3)), CLOCK).open()).isFalse();
    }

    @Test
    void closedWithoutALoggedMessageUnlessTheAccountLogsNothing() {
        assertThat(ConversationWindow.of(account(true), null, CLOCK).open()).isFalse();
        ConversationWindow unknown = ConversationWindow.of(account(false), null, CLOCK);
        assertThat(unknown.open()).isTrue();
        assertThat(unknown.unknown()).isTrue();
    }
}
