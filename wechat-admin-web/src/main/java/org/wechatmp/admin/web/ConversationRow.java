package org.wechatmp.admin.web;

import java.time.Instant;

/**
 * One line of the message log as the pages show it.
 *
 * @param id the log id (0 for a line pushed live before it was stored)
 * @param at when
 * @param in whether the follower sent it (else the account did)
 * @param openid the follower
 * @param name the follower's nickname or remark, or empty when unknown
 * @param msgType the message type
 * @param event the event, or empty
 * @param key the event's key (menu key, QR scene), or empty
 * @param summary what it says: the text, a media id, a link title, an event's status
 * @param handler the handler that answered, or who sent it from the admin, or empty
 */
record ConversationRow(long id, Instant at, boolean in, String openid, String name, String msgType, String event,
        String key, String summary, String handler) {

    /** The label of the type column: the event for events, else the message type. */
    String kind() {
        return event.isEmpty() ? msgType : event;
    }
}
