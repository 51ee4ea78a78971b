package org.wechatmp.core.message;

/**
 * A text message ({@code MsgType} {@code text}).
 */
public final class TextMessage extends WeChatMessage {
    TextMessage(XmlFields fields) {
        super(fields);
    }

    /**
     * The text the user sent.
     *
     * @return the value
     */
    public String content() {
        return fields().text("Content", "");
    }

    /**
     * The id of the tapped menu option when the text answers a customer-service {@code msgmenu}, or an empty string.
     *
     * @return the value
     */
    public String bizMsgMenuId() {
        return fields().text("bizmsgmenuid", "");
    }
}
