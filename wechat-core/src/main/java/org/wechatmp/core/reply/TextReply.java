package org.wechatmp.core.reply;

/**
 * A text reply.
 *
 * @param content the text
 */
public record TextReply(String content) implements Reply {
    /**
     * Validates the content.
     *
     * @param content the text
     */
    public TextReply {
        if (content == null) {
            throw new InvalidReplyException("a text reply needs content");
        }
    }

    @Override
    public String msgType() {
        return "text";
    }
}
