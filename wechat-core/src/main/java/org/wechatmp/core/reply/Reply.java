package org.wechatmp.core.reply;

import java.util.List;

/**
 * A passive reply: what the callback answers to a message, rendered to XML by {@link ReplyXml}. Replies are
 * immutable values; the sender and receiver come from the inbound message when rendering.
 */
public sealed interface Reply permits TextReply, ImageReply, VoiceReply, VideoReply, MusicReply, NewsReply,
        TransferCustomerServiceReply, EmptyReply {

    /**
     * The {@code MsgType} of the reply.
     *
     * @return the type, or an empty string for {@link EmptyReply}
     */
    String msgType();

    /**
     * A text reply.
     *
     * @param content the text
     * @return the reply
     */
    static TextReply text(String content) {
        return new TextReply(content);
    }

    /**
     * An image reply.
     *
     * @param mediaId the media id of the image
     * @return the reply
     */
    static ImageReply image(String mediaId) {
        return new ImageReply(mediaId);
    }

    /**
     * A voice reply.
     *
     * @param mediaId the media id of the voice
     * @return the reply
     */
    static VoiceReply voice(String mediaId) {
        return new VoiceReply(mediaId);
    }

    /**
     * A news reply.
     *
     * @param articles one to eight articles
     * @return the reply
     */
    static NewsReply news(List<Article> articles) {
        return new NewsReply(articles);
    }

    /**
     * The empty reply: the callback answers {@code success} and the user sees nothing.
     *
     * @return the empty reply
     */
    static EmptyReply empty() {
        return EmptyReply.INSTANCE;
    }
}
