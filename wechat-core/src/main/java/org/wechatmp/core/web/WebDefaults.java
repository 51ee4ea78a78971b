package org.wechatmp.core.web;

import org.wechatmp.core.message.MessageParser;

/** Defaults both web adapters share. */
public final class WebDefaults {
    /**
     * The largest request body an adapter reads (callback bodies): 256 KiB, the parser's own limit, so a body the
     * adapter accepts is never refused later for its size.
     */
    public static final int MAX_BODY_BYTES = MessageParser.DEFAULT_MAX_BYTES;

    private WebDefaults() {
    }
}
