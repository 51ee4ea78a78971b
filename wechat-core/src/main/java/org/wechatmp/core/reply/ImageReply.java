package org.wechatmp.core.reply;

/**
 * An image reply.
 *
 * @param mediaId the media id of the image
 */
public record ImageReply(String mediaId) implements Reply {
    /**
     * Validates the media id.
     *
     * @param mediaId the media id
     */
    public ImageReply {
        if (mediaId == null || mediaId.isEmpty()) {
            throw new InvalidReplyException("an image reply needs a media id");
        }
    }

    @Override
    public String msgType() {
        return "image";
    }
}
