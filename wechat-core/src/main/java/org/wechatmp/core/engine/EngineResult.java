package org.wechatmp.core.engine;

import java.util.List;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.Reply;

/**
 * What the engine decided for a message.
 *
 * @param handler the handler that matched, or {@code null} when none did
 * @param passive the passive reply (the empty reply when there is none)
 * @param extra replies to send through customer service after the passive one (reply-all)
 */
public record EngineResult(Handler handler, Reply passive, List<Reply> extra) {
    /** No handler matched. */
    public static final EngineResult UNMATCHED = new EngineResult(null, EmptyReply.INSTANCE, List.of());

    /**
     * Copies the list.
     *
     * @param handler the handler that matched, or {@code null} when none did
     * @param passive the passive reply (the empty reply when there is none)
     * @param extra replies to send through customer service after the passive one (reply-all)
     */
    public EngineResult {
        passive = passive == null ? EmptyReply.INSTANCE : passive;
        extra = List.copyOf(extra);
    }

    /**
     * Whether a handler matched.
     *
     * @return {@code true} when matched
     */
    public boolean matched() {
        return handler != null;
    }
}
