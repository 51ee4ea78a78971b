package org.wechatmp.admin.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.ReplyXml;
import org.wechatmp.core.reply.TransferCustomerServiceReply;

/**
 * The open thread pages, by account and follower, fed by the callbacks ({@link #received}: the follower's message;
 * {@link #handled}: the passive reply) and by the admin's own customer-service sends ({@link #push}). At most
 * {@value #MAX_STREAMS} streams are open at once; the callback thread only queues into each stream.
 */
final class ConversationLive implements CallbackListener, AutoCloseable {
    static final int MAX_STREAMS = 256;

    private final Map<String, Set<ConversationStream>> threads = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService exec = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "wechat-admin-thread-events");
        t.setDaemon(true);
        return t;
    });
    private volatile Clock clock = Clock.systemUTC();

    void start(Clock c) {
        this.clock = c;
    }

    ScheduledExecutorService executor() {
        return exec;
    }

    /**
     * Adds a stream to a thread.
     *
     * @return closing it removes the stream; {@code null} when too many streams are open
     */
    AutoCloseable subscribe(String account, String openid, ConversationStream stream) {
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            return null;
        }
        String key = key(account, openid);
        threads.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stream);
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.getAndIncrement() == 0) {
                open.decrementAndGet();
                threads.computeIfPresent(key, (k, set) -> {
                    set.remove(stream);
                    return set.isEmpty() ? null : set;
                });
            }
        };
    }

    /** How many streams are open (for tests and the bound). */
    int openStreams() {
        return open.get();
    }

    void push(String account, ConversationRow row) {
        Set<ConversationStream> set = threads.get(key(account, row.openid()));
        if (set != null) {
            for (ConversationStream s : set) {
                s.offer(row);
            }
        }
    }

    @Override
    public void received(MessageContext context) {
        WeChatMessage m = context.message();
        String account = context.account().name();
        if (!threads.containsKey(key(account, m.fromUserName()))) {
            return;
        }
        ConversationRows rows = new ConversationRows(null, account);
        push(account, rows.row(0, true, m.fromUserName(), m.msgType(), m.event(), "",
                new String(context.plainXml(), StandardCharsets.UTF_8), m.createTime()));
    }

    @Override
    public void handled(MessageContext context, Reply reply) {
        WeChatMessage m = context.message();
        String account = context.account().name();
        if (reply instanceof EmptyReply || reply instanceof TransferCustomerServiceReply
                || !threads.containsKey(key(account, m.fromUserName()))) {
            return;
        }
        ConversationRows rows = new ConversationRows(null, account);
        String xml = ReplyXml.render(reply, m.toUserName(), m.fromUserName(), clock.millis() / 1000L);
        push(account, rows.row(0, false, m.fromUserName(), reply.msgType(), "", "", xml, clock.instant()));
    }

    /** Closes a subscription to the callbacks' fan-out (which closes without failing), if any. */
    static void release(AutoCloseable subscription) {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Events' subscriptions do not throw
            }
        }
    }

    private static String key(String account, String openid) {
        return account + '\u0000' + openid;
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
