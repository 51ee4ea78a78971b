package org.wechatmp.core.message;

/**
 * A short-video message ({@code MsgType} {@code shortvideo}).
 */
public final class ShortVideoMessage extends WeChatMessage {
    ShortVideoMessage(XmlFields fields) {
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
