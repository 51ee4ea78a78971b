package org.wechatmp.core.message;

/**
 * A message or event this version does not model. It keeps every raw field, so handlers can still read it through
 * {@link #fields()}, {@link #msgType()} and {@link #event()}; a new WeChat type never breaks parsing.
 */
public final class UnknownMessage extends WeChatMessage {
    UnknownMessage(XmlFields fields) {
        super(fields);
    }
}
