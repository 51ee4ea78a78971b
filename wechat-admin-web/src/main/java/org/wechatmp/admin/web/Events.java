package org.wechatmp.admin.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.reply.Reply;

/**
 * The admin's one callback listener, fanned out to the pages that follow callbacks (live threads, delivery-status
 * events, scans). A subscriber's exception is logged and never reaches the callback or the other subscribers.
 */
final class Events implements CallbackListener {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private final List<CallbackListener> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Adds a subscriber.
     *
     * @param listener the subscriber
     * @return closing it unsubscribes
     */
    AutoCloseable subscribe(CallbackListener listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    @Override
    public void received(MessageContext context) {
        for (CallbackListener l : subscribers) {
            try {
                l.received(context);
            } catch (RuntimeException e) {
                LOG.warn("an admin callback subscriber failed on a received message", e);
            }
        }
    }

    @Override
    public void handled(MessageContext context, Reply reply) {
        for (CallbackListener l : subscribers) {
            try {
                l.handled(context, reply);
            } catch (RuntimeException e) {
                LOG.warn("an admin callback subscriber failed on a handled message", e);
            }
        }
    }

    @Override
    public void failed(MessageContext context, Throwable error) {
        for (CallbackListener l : subscribers) {
            try {
                l.failed(context, error);
            } catch (RuntimeException e) {
                LOG.warn("an admin callback subscriber failed on a failed message", e);
            }
        }
    }
}
