package org.wechatmp.core.message;

/**
 * A link message ({@code MsgType} {@code link}).
 */
public final class LinkMessage extends WeChatMessage {
    LinkMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The link title.
     *
     * @return the value
     */
    public String title() {
        return fields().text("Title", "");
    }

    /**
     * The link description.
     *
     * @return the value
     */
    public String description() {
        return fields().text("Description", "");
    }

    /**
     * The link URL.
     *
     * @return the value
     */
    public String url() {
        return fields().text("Url", "");
    }
}
