package org.wechatmp.core.message;

/**
 * An event ({@code MsgType} {@code event}). Subclasses model the events WeChat documents; {@link #event()} names
 * which one, lower-cased.
 */
public abstract class EventMessage extends WeChatMessage {
    EventMessage(XmlFields fields) {
        super(fields);
    }
}
