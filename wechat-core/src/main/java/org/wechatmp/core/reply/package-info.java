/**
 * Passive replies (text, image, voice, video, music, news, transfer to customer service, and the empty reply) and
 * their XML ({@link org.wechatmp.core.reply.ReplyXml}).
 */
package org.wechatmp.core.reply;
