package org.wechatmp.core.message;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the XML WeChat pushes into a typed {@link WeChatMessage}, in one pass.
 *
 * <p>The parser refuses DOCTYPE declarations, external entities and entity expansion, bounds nesting depth, and
 * refuses input larger than its byte limit (default {@value #DEFAULT_MAX_BYTES} bytes). Instances are immutable and
 * thread-safe.
 */
public final class MessageParser {
    /** The default input limit: WeChat messages are a few kilobytes at most. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private static final MessageParser DEFAULT = new MessageParser(DEFAULT_MAX_BYTES);
    private static final Map<String, Function<XmlFields, WeChatMessage>> MESSAGES = new HashMap<>();
    private static final Map<String, Function<XmlFields, WeChatMessage>> EVENTS = new HashMap<>();

    static {
        MESSAGES.put("text", TextMessage::new);
        MESSAGES.put("image", ImageMessage::new);
        MESSAGES.put("voice", VoiceMessage::new);
        MESSAGES.put("video", VideoMessage::new);
        MESSAGES.put("shortvideo", ShortVideoMessage::new);
        MESSAGES.put("location", LocationMessage::new);
        MESSAGES.put("link", LinkMessage::new);
        MESSAGES.put("miniprogrampage", MiniProgramPageMessage::new);

        EVENTS.put("subscribe", SubscribeEvent::new);
        EVENTS.put("unsubscribe", UnsubscribeEvent::new);
        EVENTS.put("scan", ScanEvent::new);
        EVENTS.put("location", LocationEvent::new);
        EVENTS.put("click", ClickEvent::new);
        EVENTS.put("view", ViewEvent::new);
        EVENTS.put("view_miniprogram", ViewMiniprogramEvent::new);
        EVENTS.put("scancode_push", ScanCodeEvent::new);
        EVENTS.put("scancode_waitmsg", ScanCodeEvent::new);
        EVENTS.put("pic_sysphoto", PicEvent::new);
        EVENTS.put("pic_photo_or_album", PicEvent::new);
        EVENTS.put("pic_weixin", PicEvent::new);
        EVENTS.put("location_select", LocationSelectEvent::new);
        EVENTS.put("templatesendjobfinish", TemplateSendJobFinishEvent::new);
        EVENTS.put("masssendjobfinish", MassSendJobFinishEvent::new);
        EVENTS.put("subscribe_msg_popup_event", SubscribeMessageEvent::new);
        EVENTS.put("subscribe_msg_change_event", SubscribeMessageEvent::new);
        EVENTS.put("subscribe_msg_sent_event", SubscribeMessageEvent::new);
        EVENTS.put("kf_create_session", KfSessionEvent::new);
        EVENTS.put("kf_close_session", KfSessionEvent::new);
        EVENTS.put("kf_switch_session", KfSessionEvent::new);
        for (String card : new String[] {"card_pass_check", "card_not_pass_check", "user_get_card",
                "user_gifting_card", "user_del_card", "user_consume_card", "user_pay_from_pay_cell", "user_view_card",
                "user_enter_session_from_card", "update_member_card", "card_sku_remind", "card_pay_order",
                "submit_membercard_user_info"}) {
            EVENTS.put(card, CardEvent::new);
        }
        for (String verify : new String[] {"qualification_verify_success", "qualification_verify_fail",
                "naming_verify_success", "naming_verify_fail", "annual_renew", "verify_expired"}) {
            EVENTS.put(verify, VerifyEvent::new);
        }
        EVENTS.put("wificonnected", WifiConnectedEvent::new);
        EVENTS.put("poi_check_notify", PoiCheckNotifyEvent::new);
        EVENTS.put("user_enter_tempsession", UserEnterTempSessionEvent::new);
        EVENTS.put("publishjobfinish", PublishJobFinishEvent::new);
        EVENTS.put("user_info_modified", UserAuthorizationEvent::new);
        EVENTS.put("user_authorization_revoke", UserAuthorizationEvent::new);
        EVENTS.put("user_authorization_cancellation", UserAuthorizationEvent::new);
    }

    private final int maxBytes;

    private MessageParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The parser with the default limit.
     *
     * @return the shared default parser
     */
    public static MessageParser defaults() {
        return DEFAULT;
    }

    /**
     * A parser with another input limit.
     *
     * @param maxBytes the largest accepted input, in UTF-8 bytes
     * @return the parser
     */
    public static MessageParser withMaxBytes(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return new MessageParser(maxBytes);
    }

    /**
     * Parses UTF-8 XML bytes into a typed message.
     *
     * @param xml the document
     * @return the message; never {@code null}
     * @throws MessageParseException when the XML is empty, too large, malformed or hostile
     */
    public WeChatMessage parse(byte[] xml) {
        return toMessage(SafeXml.parse(xml, maxBytes));
    }

    /**
     * Parses an XML string into a typed message.
     *
     * @param xml the document
     * @return the message; never {@code null}
     * @throws MessageParseException when the XML is empty, too large, malformed or hostile
     */
    public WeChatMessage parse(String xml) {
        return toMessage(SafeXml.parse(xml, maxBytes));
    }

    /**
     * Parses an XML document into its root element's raw fields, with the same protections; used for envelopes
     * such as the encrypted callback body.
     *
     * @param xml the document
     * @return the root's fields
     * @throws MessageParseException when the XML is empty, too large, malformed or hostile
     */
    public XmlFields parseFields(byte[] xml) {
        return SafeXml.parse(xml, maxBytes);
    }

    /**
     * Parses an XML string into its root element's raw fields.
     *
     * @param xml the document
     * @return the root's fields
     * @throws MessageParseException when the XML is empty, too large, malformed or hostile
     */
    public XmlFields parseFields(String xml) {
        return SafeXml.parse(xml, maxBytes);
    }

    /**
     * Types already-parsed fields, e.g. after a compatible-mode body was read once.
     *
     * @param fields the root fields of a message
     * @return the typed message
     */
    public static WeChatMessage toMessage(XmlFields fields) {
        String msgType = WeChatMessage.lower(fields.text("MsgType", ""));
        Function<XmlFields, WeChatMessage> factory;
        if ("event".equals(msgType)) {
            factory = EVENTS.get(WeChatMessage.lower(fields.text("Event", "")));
        } else {
            factory = MESSAGES.get(msgType);
        }
        return factory == null ? new UnknownMessage(fields) : factory.apply(fields);
    }
}
