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

    /**
     * One template's outcome in a subscription event.
     *
     * @param templateId the template id
     * @param status {@code accept} or {@code reject} (popup and change events), empty for sent events
     * @param popupScene where the popup was shown (1 profile page, 2 article), -1 when absent
     * @param msgId the id of the sent message (sent events), 0 when absent
     * @param errorCode 0 when delivered (sent events), -1 when absent
     * @param errorStatus {@code success} or the failure (sent events), empty when absent
     */
    public record Subscription(String templateId, String status, int popupScene, long msgId, int errorCode,
            String errorStatus) {
        /**
         * Whether the user accepted the template.
         *
         * @return true for {@code accept}
         */
        public boolean accepted() {
            return "accept".equals(status);
        }
    }

    /**
     * Each {@code List} entry, typed.
     *
     * @return the outcomes in document order
     */
    public java.util.List<Subscription> subscriptions() {
        java.util.List<Subscription> out = new java.util.ArrayList<>();
        for (XmlFields e : entries()) {
            out.add(new Subscription(e.text("TemplateId", ""), e.text("SubscribeStatusString", ""),
                    e.intValue("PopupScene", -1), e.longValue("MsgID", 0L), e.intValue("ErrorCode", -1),
                    e.text("ErrorStatus", "")));
        }
        return java.util.List.copyOf(out);
    }
}
