package org.wechatmp.admin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * WeChat's customer-service window: messages may be sent for 48 hours after the follower's last message.
 *
 * @param lastInbound the follower's last logged message, or {@code null} when none is logged
 * @param until when the window closes, or {@code null}
 * @param open whether it is open now
 */
record ConversationWindow(Instant lastInbound, Instant until, boolean open) {
    static final Duration LENGTH = Duration.ofHours(48);

    static ConversationWindow of(Instant lastInbound, Clock clock) {
        if (lastInbound == null) {
            return new ConversationWindow(null, null, false);
        }
        Instant until = lastInbound.plus(LENGTH);
        return new ConversationWindow(lastInbound, until, clock.instant().isBefore(until));
    }
}
