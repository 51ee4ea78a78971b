package org.wechatmp.core.message;

/**
 * An image message ({@code MsgType} {@code image}).
 */
public final class ImageMessage extends WeChatMessage {
    ImageMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The image URL.
     *
     * @return the value
     */
    public String picUrl() {
        return fields().text("PicUrl", "");
    }

    /**
     * The temporary media id of the image.
     *
     * @return the value
     */
    public String mediaId() {
        return fields().text("MediaId", "");
    }
}
