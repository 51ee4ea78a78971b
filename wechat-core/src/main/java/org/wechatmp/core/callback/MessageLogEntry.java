package org.wechatmp.core.callback;

import java.time.Instant;

/**
 * One line of the message log.
 *
 * @param account the account name
 * @param direction {@code IN} for a user's message, {@code OUT} for a reply
 * @param msgId the MsgId, or 0 for events
 * @param openid the user
 * @param msgType the message type
 * @param event the event name, or empty
 * @param handler the handler that answered, or empty
 * @param xml the plaintext XML
 * @param createdAt when the message was created
 */
public record MessageLogEntry(String account, Direction direction, long msgId, String openid, String msgType,
        String event, String handler, String xml, Instant createdAt) {

    /** Who sent the logged message. */
    public enum Direction {
        /** From the user to the account. */
        IN,
        /** From the account to the user. */
        OUT
    }
}
