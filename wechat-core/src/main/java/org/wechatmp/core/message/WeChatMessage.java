package org.wechatmp.core.message;

import java.time.Instant;
import java.util.Locale;

/**
 * An inbound message or event pushed by WeChat to the callback URL: an immutable value parsed once from its XML.
 *
 * <p>Each message type and event type has its own subclass ({@link TextMessage}, {@link SubscribeEvent}, ...);
 * anything this version does not know becomes an {@link UnknownMessage}. Every instance keeps all of its raw
 * {@link #fields()}, so nothing WeChat sent is lost. Use {@link MessageParser} to obtain one.
 */
public abstract class WeChatMessage {
    private final XmlFields fields;
    private final String msgType;
    private final String event;

    WeChatMessage(XmlFields fields) {
        this.fields = fields;
        this.msgType = lower(fields.text("MsgType", ""));
        this.event = "event".equals(msgType) ? lower(fields.text("Event", "")) : "";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * All raw fields of the message, in document order.
     *
     * @return the fields
     */
    public final XmlFields fields() {
        return fields;
    }

    /**
     * {@code ToUserName}: the official account's original id ({@code gh_...}).
     *
     * @return the receiving account, or an empty string
     */
    public final String toUserName() {
        return fields.text("ToUserName", "");
    }

    /**
     * {@code FromUserName}: the sender's openid.
     *
     * @return the sender, or an empty string
     */
    public final String fromUserName() {
        return fields.text("FromUserName", "");
    }

    /**
     * {@code CreateTime} as seconds since the epoch.
     *
     * @return the seconds, or 0 when absent
     */
    public final long createTimeSeconds() {
        return fields.longValue("CreateTime", 0L);
    }

    /**
     * {@code CreateTime} as an instant.
     *
     * @return the time the message was created
     */
    public final Instant createTime() {
        return Instant.ofEpochSecond(createTimeSeconds());
    }

    /**
     * {@code MsgType}, lower-cased ({@code text}, {@code image}, ..., {@code event}).
     *
     * @return the message type, or an empty string
     */
    public final String msgType() {
        return msgType;
    }

    /**
     * {@code MsgId} (or {@code MsgID}, as job-finish events spell it).
     *
     * @return the id, or 0 when absent
     */
    public final long msgId() {
        long id = fields.longValue("MsgId", 0L);
        return id != 0L ? id : fields.longValue("MsgID", 0L);
    }

    /**
     * Whether this is an event ({@code MsgType} {@code event}).
     *
     * @return {@code true} for events
     */
    public final boolean isEvent() {
        return !event.isEmpty() || "event".equals(msgType);
    }

    /**
     * The {@code Event} name, lower-cased so that {@code SCAN} and {@code scan} are the same event.
     *
     * @return the event name, or an empty string for a non-event message
     */
    public final String event() {
        return event;
    }

    /**
     * {@code EventKey} exactly as sent.
     *
     * @return the event key, or an empty string
     */
    public final String eventKey() {
        return fields.text("EventKey", "");
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && fields.equals(((WeChatMessage) o).fields);
    }

    @Override
    public final int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + fields;
    }
}
