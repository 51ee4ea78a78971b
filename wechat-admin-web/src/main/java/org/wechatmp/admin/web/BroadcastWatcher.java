package org.wechatmp.admin.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.MassSendJobFinishEvent;

/**
 * Follows sent broadcasts: the {@code MASSSENDJOBFINISH} callback records a send's counts and settles the
 * broadcast (an event that arrives before its send's msg_id is stored is looked at again a few times); as a fallback, every {@link #POLL_EVERY} the broadcasts still sending after {@link #POLL_AFTER} are asked
 * about with {@code mass/get}. Each state change is audited as the admin {@code wechat}.
 */
final class BroadcastWatcher implements CallbackListener, AutoCloseable {
    static final Duration POLL_AFTER = Duration.ofMinutes(10);
    static final Duration POLL_EVERY = Duration.ofMinutes(5);
    /** When an event's msg_id is not stored yet, the waits before looking again. */
    static final java.util.List<Duration> RETRIES = java.util.List.of(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastWatcher.class);

    private final Services s;
    private final BroadcastStore store;
    private final BroadcastSender sender;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wechat-admin-broadcast-poll");
        t.setDaemon(true);
        return t;
    });
    private AutoCloseable subscription;

    BroadcastWatcher(Services s, BroadcastStore store, BroadcastSender sender) {
        this.s = s;
        this.store = store;
        this.sender = sender;
    }

    void start() {
        subscription = s.events().subscribe(this);
        timer.scheduleWithFixedDelay(this::pollAll, POLL_EVERY.toSeconds(), POLL_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void received(MessageContext context) {
        if (!(context.message() instanceof MassSendJobFinishEvent e)) {
            return;
        }
        record(context.account().name(), e, 0);
    }

    /**
     * Records a finished send; when its msg_id is not stored yet (WeChat's event can come before the send's answer
     * is written), tries again after each of {@link #RETRIES}: counts are not lost to that race.
     */
    private void record(String account, MassSendJobFinishEvent e, int attempt) {
        java.util.Optional<Long> broadcast = store.bySend(account, e.msgId());
        if (broadcast.isEmpty()) {
            if (attempt < RETRIES.size()) {
                try {
                    timer.schedule(() -> {
                        try {
                            record(account, e, attempt + 1);
                        } catch (RuntimeException x) {
                            LOG.warn("recording MASSSENDJOBFINISH of msg_id {} failed", e.msgId(), x);
                        }
                    }, RETRIES.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    LOG.debug("closing: MASSSENDJOBFINISH of msg_id {} not looked at again", e.msgId());
                }
            } else {
                LOG.info("MASSSENDJOBFINISH of msg_id {} matches no broadcast of {} (sent elsewhere?)", e.msgId(),
                        account);
            }
            return;
        }
        broadcast.ifPresent(id -> {
            store.finish(id, e.msgId(), e.status(), e.totalCount(), e.filterCount(), e.sentCount(), e.errorCount(),
                    s.clock().instant());
            String to = sender.settle(account, id);
            s.audit().record("wechat", account, "broadcast.finished", "broadcast " + id, true, null,
                    "msg_id " + e.msgId() + " " + e.status() + " total " + e.totalCount() + " filter "
                            + e.filterCount() + " sent " + e.sentCount() + " error " + e.errorCount()
                            + (to == null ? "" : " -> " + to));
        });
    }

    private void pollAll() {
        try {
            for (Broadcast b : store.sendingSince(s.clock().instant().minus(POLL_AFTER))) {
                Account a = s.runtime().account(b.account()).orElse(null);
                if (a == null) {
                    continue;
                }
                try {
                    String to = sender.poll(s.runtime().client(a), b);
                    s.audit().record("wechat", b.account(), "broadcast.poll", "broadcast " + b.id(), true, null,
                            to == null ? "still sending" : "-> " + to);
                } catch (WeChatApiException e) {
                    s.audit().record("wechat", b.account(), "broadcast.poll", "broadcast " + b.id(), false,
                            e.errcode(), e.errmsg());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the broadcast status poll failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing failed", e);
            }
        }
    }
}
