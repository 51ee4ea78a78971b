package org.wechatmp.core.message;

/**
 * A video message ({@code MsgType} {@code video}).
 */
public final class VideoMessage extends WeChatMessage {
    VideoMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The temporary media id of the video.
     *
     * @return the value
     */
    public String mediaId() {
        return fields().text("MediaId", "");
    }

    /**
     * The media id of the thumbnail.
     *
     * @return the value
     */
    public String thumbMediaId() {
        return fields().text("ThumbMediaId", "");
    }
}
