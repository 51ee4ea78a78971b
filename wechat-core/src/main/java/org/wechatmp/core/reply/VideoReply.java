package org.wechatmp.core.reply;

/**
 * A video reply.
 *
 * @param mediaId the media id of the video
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 */
public record VideoReply(String mediaId, String title, String description) implements Reply {
    /**
     * Validates the media id.
     *
     * @param mediaId the media id
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     */
    public VideoReply {
        if (mediaId == null || mediaId.isEmpty()) {
            throw new InvalidReplyException("a video reply needs a media id");
        }
    }

    /**
     * A video reply without title and description.
     *
     * @param mediaId the media id
     */
    public VideoReply(String mediaId) {
        this(mediaId, null, null);
    }

    @Override
    public String msgType() {
        return "video";
    }
}
