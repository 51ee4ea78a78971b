package org.wechatmp.core.reply;

/**
 * A music reply.
 *
 * @param thumbMediaId the media id of the thumbnail (required by WeChat)
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 * @param musicUrl the music URL, or {@code null}
 * @param hqMusicUrl the high-quality music URL (played on Wi-Fi), or {@code null}
 */
public record MusicReply(String thumbMediaId, String title, String description, String musicUrl, String hqMusicUrl) implements Reply {
    /**
     * Validates the thumbnail.
     *
     * @param thumbMediaId the thumbnail media id
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     * @param musicUrl the music URL, or {@code null}
     * @param hqMusicUrl the high-quality music URL, or {@code null}
     */
    public MusicReply {
        if (thumbMediaId == null || thumbMediaId.isEmpty()) {
            throw new InvalidReplyException("a music reply needs a thumbnail media id");
        }
    }

    @Override
    public String msgType() {
        return "music";
    }
}
