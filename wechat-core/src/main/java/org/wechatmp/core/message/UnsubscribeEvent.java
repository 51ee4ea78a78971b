package org.wechatmp.core.message;

/**
 * An unfollow ({@code unsubscribe}).
 */
public final class UnsubscribeEvent extends EventMessage {
    UnsubscribeEvent(XmlFields fields) {
        super(fields);
    }
}
