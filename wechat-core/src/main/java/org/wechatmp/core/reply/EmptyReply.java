package org.wechatmp.core.reply;

/**
 * No reply: the callback answers {@code success}, which WeChat takes as "nothing to show".
 */
public record EmptyReply() implements Reply {
    /** The instance. */
    public static final EmptyReply INSTANCE = new EmptyReply();

    @Override
    public String msgType() {
        return "";
    }
}
