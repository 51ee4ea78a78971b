package org.wechatmp.core.message;

/**
 * A one-time subscription message event: {@code subscribe_msg_popup_event}, {@code subscribe_msg_change_event} or {@code subscribe_msg_sent_event}.
 */
public final class SubscribeMessageEvent extends EventMessage {
    SubscribeMessageEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * Each {@code List} entry (TemplateId, SubscribeStatusString, PopupScene, MsgID, ErrorCode, ErrorStatus).
     *
     * @return the value
     */
    public java.util.List<XmlFields> entries() {
        String tag = switch (event()) {
            case "subscribe_msg_popup_event" -> "SubscribeMsgPopupEvent";
            case "subscribe_msg_change_event" -> "SubscribeMsgChangeEvent";
            default -> "SubscribeMsgSentEvent";
        };
        return fields().child(tag).children("List");
    }
}
