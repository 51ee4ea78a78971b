package org.wechatmp.admin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.wechatmp.core.Account;

/**
 * WeChat's customer-service window: messages may be sent for 48 hours after the follower's last message. It is
 * known from the message log; an account that does not log incoming messages cannot know it, so its box stays open
 * and WeChat's answer (45015 once closed) decides.
 *
 * @param lastInbound the follower's last logged message, or {@code null} when none is logged
 * @param until when the window closes, or {@code null}
 * @param open whether it is open now (or unknown)
 * @param unknown whether the account does not log incoming messages
 */
record ConversationWindow(Instant lastInbound, Instant until, boolean open, boolean unknown) {
    static final Duration LENGTH = Duration.ofHours(48);

    static ConversationWindow of(Account account, Instant lastInbound, Clock clock) {
        if (lastInbound == null) {
            boolean unknown = !account.logMessages();
            return new ConversationWindow(null, null, unknown, unknown);
        }
        Instant until = lastInbound.plus(LENGTH);
        return new ConversationWindow(lastInbound, until, clock.instant().isBefore(until), false);
    }
}
