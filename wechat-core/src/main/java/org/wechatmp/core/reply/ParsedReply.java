package org.wechatmp.core.reply;

/**
 * A reply read back from XML, with its envelope fields.
 *
 * @param reply the reply
 * @param fromUserName the {@code FromUserName} (the account)
 * @param toUserName the {@code ToUserName} (the user)
 * @param createTimeSeconds the {@code CreateTime}
 */
public record ParsedReply(Reply reply, String fromUserName, String toUserName, long createTimeSeconds) {
}
