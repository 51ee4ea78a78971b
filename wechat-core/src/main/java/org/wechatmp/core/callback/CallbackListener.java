package org.wechatmp.core.callback;

import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.reply.Reply;

/**
 * Observes messages going through the callback: received (before matching), handled (with the passive reply), or
 * failed. A listener's exception is logged and never fails the callback. The caller's address, as the adapter
 * resolved it ({@link org.wechatmp.core.web.ClientAddress}: {@code X-Forwarded-For} only from a trusted proxy), is
 * the context attribute {@link org.wechatmp.core.web.ClientAddress#ATTRIBUTE}, for handlers too.
 */
public interface CallbackListener {
    /**
     * A message was verified and parsed, before matching. Runs once per message, not per redelivery.
     *
     * @param context the message
     */
    default void received(MessageContext context) {
    }

    /**
     * A message was handled.
     *
     * @param context the message
     * @param reply the passive reply (possibly empty)
     */
    default void handled(MessageContext context, Reply reply) {
    }

    /**
     * Handling a message failed; the callback answered {@code success}.
     *
     * @param context the message
     * @param error the failure
     */
    default void failed(MessageContext context, Throwable error) {
    }
}
