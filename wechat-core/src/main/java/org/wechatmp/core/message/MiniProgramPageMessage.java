package org.wechatmp.core.message;

/**
 * A mini-program card sent by the user ({@code MsgType} {@code miniprogrampage}).
 */
public final class MiniProgramPageMessage extends WeChatMessage {
    MiniProgramPageMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The mini program's appid.
     *
     * @return the value
     */
    public String appId() {
        return fields().text("AppId", "");
    }

    /**
     * The card title.
     *
     * @return the value
     */
    public String title() {
        return fields().text("Title", "");
    }

    /**
     * The page path.
     *
     * @return the value
     */
    public String pagePath() {
        return fields().text("PagePath", "");
    }

    /**
     * The thumbnail URL.
     *
     * @return the value
     */
    public String thumbUrl() {
        return fields().text("ThumbUrl", "");
    }

    /**
     * The thumbnail media id.
     *
     * @return the value
     */
    public String thumbMediaId() {
        return fields().text("ThumbMediaId", "");
    }
}
