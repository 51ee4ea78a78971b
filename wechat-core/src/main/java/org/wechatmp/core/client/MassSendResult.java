package org.wechatmp.core.client;

/**
 * The answer to a mass send.
 *
 * @param msgId the mass message id (reported back as {@code MsgID} in
 *     {@link org.wechatmp.core.message.MassSendJobFinishEvent})
 * @param msgDataId the article data id (mpnews only; for comments), 0 otherwise
 * @param duplicate true when WeChat refused the send because its {@code clientmsgid} was already used in the last 24
 *     hours (errcode 45065); {@link #msgId()} is then the earlier send
 */
public record MassSendResult(long msgId, long msgDataId, boolean duplicate) {
}
