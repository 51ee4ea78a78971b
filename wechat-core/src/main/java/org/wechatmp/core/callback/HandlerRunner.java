package org.wechatmp.core.callback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.web.WebErrors;
import org.wechatmp.core.engine.EngineResult;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.ReplyXml;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.web.ClientAddress;

/**
 * Runs handlers for claimed deliveries. A match runs inline; a reply that may block (news from storage, forward,
 * custom code) runs on the handler pool, which grows to its maximum before it queues, and the request waits for it
 * until the deadline (read from the injected ticker). A late reply goes through customer service when it is ready.
 * Each account may have at most {@code accountConcurrency} requests waiting on blocking handlers; past that bound a
 * request answers {@code success} at once and its handler still runs on the pool, its reply sent through customer
 * service (so one account's slow handlers cannot hold every request thread). After-response work (reply-all extras),
 * the message log and listeners are here too. Handler run times, missed deadlines and customer-service sends are
 * reported to the {@link WeChatMetrics} (times from the injected ticker).
 */
final class HandlerRunner implements AutoCloseable {
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A passive reply (plaintext XML, empty for none) and the work to run after the answer. */
    record Outcome(String replyXml, Runnable after) {
    }

    /** A delivery this request claimed: the parsed message, its dedupe key and when the request arrived. */
    record Claimed(Account account, WeChatMessage message, byte[] plain, Map<String, String> query, String key,
            Instant expires, long started, String clientAddress) {
    }

    private final ReplyEngine engine;
    private final Deliveries deliveries;
    private final UserRepository users;
    private final List<CallbackListener> listeners;
    private final Function<Account, WeChatClient> clients;
    private final AsyncMessageLog messageLog;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Duration deadline;
    private final int accountConcurrency;
    private final WeChatMetrics metrics;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor handlerPool;
    private final ThreadPoolExecutor sendPool;
    private final ScheduledExecutorService scheduler;

    HandlerRunner(ReplyEngine engine, Deliveries deliveries, UserRepository users, List<CallbackListener> listeners,
            Function<Account, WeChatClient> clients, AsyncMessageLog messageLog, Clock clock, LongSupplier nanoTime,
            Duration deadline, int handlerThreads, int accountConcurrency, WeChatMetrics metrics) {
        this.engine = engine;
        this.deliveries = deliveries;
        this.users = users;
        this.listeners = listeners;
        this.clients = clients;
        this.messageLog = messageLog;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.deadline = deadline;
        this.accountConcurrency = accountConcurrency;
        this.metrics = metrics;
        // core == max with idle core threads timing out: the pool grows to handlerThreads before anything queues
        this.handlerPool = new ThreadPoolExecutor(handlerThreads, handlerThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1_000), daemon("wechat-handler"));
        this.handlerPool.allowCoreThreadTimeOut(true);
        this.sendPool = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                daemon("wechat-send"));
        this.sendPool.allowCoreThreadTimeOut(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("wechat-after-response"));
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Duration remaining(long started) {
        return deadline.minusNanos(nanoTime.getAsLong() - started);
    }

    Outcome run(Claimed c) {
        Account account = c.account();
        WeChatMessage message = c.message();
        Logger log = InboundProtocol.log(account);
        WeChatClient client = account.secret().isEmpty() ? null : clients.apply(account);
        MessageContext ctx = new MessageContext(account, message, client, users, c.plain(), c.query());
        ctx.attributes().put(ClientAddress.ATTRIBUTE, c.clientAddress());
        for (CallbackListener l : listeners) {
            notify(log, () -> l.received(ctx));
        }
        EngineResult result;
        try {
            Handler handler = engine.match(ctx);
            if (handler == null) {
                result = EngineResult.UNMATCHED;
            } else if (engine.mayBlock(handler)) {
                result = runBlocking(c, handler, ctx, log);
                if (result == null) {
                    logInbound(account, handler, message, c.plain());
                    return new Outcome("", null);
                }
            } else {
                result = timed(account, handler, () -> engine.reply(handler, ctx, remaining(c.started())));
            }
        } catch (RuntimeException e) {
            log.error("[{}] handling {} from {} failed; answered success", WebErrors.newId(), LogSafe.of(c.key()),
                    LogSafe.of(message.fromUserName()), e);
            deliveries.finish(c.key(), "", c.expires());
            for (CallbackListener l : listeners) {
                notify(log, () -> l.failed(ctx, e));
            }
            return new Outcome("", null);
        }
        String replyXml = result.passive() instanceof EmptyReply ? ""
                : ReplyXml.render(result.passive(), message, clock.millis() / 1000L);
        deliveries.finish(c.key(), replyXml, c.expires());
        logInbound(account, result.handler(), message, c.plain());
        if (messageLog != null && account.logReplies() && !replyXml.isEmpty()) {
            messageLog.offer(new MessageLogEntry(account.name(), MessageLogEntry.Direction.OUT, 0,
                    message.fromUserName(), result.passive().msgType(), "", name(result.handler()), replyXml,
                    clock.instant()));
        }
        for (CallbackListener l : listeners) {
            notify(log, () -> l.handled(ctx, result.passive()));
        }
        Runnable after = result.extra().isEmpty() ? null : () -> send(ctx, result.extra(), log);
        return new Outcome(replyXml, after);
    }

    /** Runs a handler that may block on the pool; {@code null} when it went late (answer success now). */
    private EngineResult runBlocking(Claimed c, Handler handler, MessageContext ctx, Logger log) {
        AtomicInteger count = waiting.computeIfAbsent(c.account().name(), k -> new AtomicInteger());
        boolean wait = count.incrementAndGet() <= accountConcurrency;
        try {
            Duration budget = wait ? remaining(c.started()) : deadline;
            CompletableFuture<EngineResult> future;
            try {
                future = CompletableFuture.supplyAsync(() -> timed(c.account(), handler,
                        () -> engine.reply(handler, ctx, budget)), handlerPool);
            } catch (RejectedExecutionException e) {
                throw new WeChatException("handler pool is full", e);
            }
            if (!wait) {
                log.warn("{} requests of {} already wait on blocking handlers; {} answered success, handler {} runs "
                        + "on and its reply goes through customer service", accountConcurrency,
                        c.account().name(), LogSafe.of(c.key()), handler.name());
                future.whenComplete((late, error) -> finishLate(c, ctx, handler, late, error, log));
                return null;
            }
            try {
                return await(future, c.started());
            } catch (TimeoutException e) {
                log.warn("handler {} missed the {} ms deadline for {}; answered success, its reply will go through "
                        + "customer service", handler.name(), deadline.toMillis(), LogSafe.of(c.key()));
                metrics.deadlineMissed(c.account().name());
                future.whenComplete((late, error) -> finishLate(c, ctx, handler, late, error, log));
                return null;
            }
        } finally {
            count.decrementAndGet();
        }
    }

    /** Runs a handler, reporting how long it ran (also when it failed). */
    private EngineResult timed(Account account, Handler handler, Supplier<EngineResult> reply) {
        long start = nanoTime.getAsLong();
        try {
            return reply.get();
        } finally {
            metrics.handlerLatency(account.name(), handler.name(), Duration.ofNanos(nanoTime.getAsLong() - start));
        }
    }

    /** Waits in short slices, reading the deadline from the ticker each time. */
    private EngineResult await(CompletableFuture<EngineResult> future, long started) throws TimeoutException {
        try {
            while (true) {
                long left = remaining(started).toNanos();
                if (left <= 0 && !future.isDone()) {
                    throw new TimeoutException();
                }
                try {
                    return future.get(Math.max(1, Math.min(left, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    // read the ticker again
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new WeChatException("handler failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatException("interrupted while waiting for the handler", e);
        }
    }

    private void finishLate(Claimed c, MessageContext ctx, Handler handler, EngineResult late, Throwable error,
            Logger log) {
        deliveries.finish(c.key(), "", c.expires());
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            log.error("[{}] late handler {} for {} failed", WebErrors.newId(), handler.name(), LogSafe.of(c.key()), cause);
            for (CallbackListener l : listeners) {
                notify(log, () -> l.failed(ctx, cause));
            }
            return;
        }
        List<Reply> all = new ArrayList<>(late.extra());
        all.add(late.passive());
        send(ctx, all, log);
        for (CallbackListener l : listeners) {
            notify(log, () -> l.handled(ctx, late.passive()));
        }
    }

    /**
     * Sends replies through customer service, in order, on the send pool; each failure is logged and the rest go.
     * Each send is reported as {@link WeChatMetrics#lateSend}.
     */
    void send(MessageContext ctx, List<Reply> replies, Logger log) {
        String to = ctx.message().fromUserName();
        List<Reply> real = replies.stream().filter(r -> !(r instanceof EmptyReply)).toList();
        if (real.isEmpty()) {
            return;
        }
        if (ctx.client() == null) {
            real.forEach(r -> metrics.lateSend(ctx.account().name(), false));
            log.warn("{} replies to {} dropped: the account has no secret for customer service", real.size(),
                    LogSafe.of(to));
            return;
        }
        String account = ctx.account().name();
        try {
            sendPool.execute(() -> {
                for (Reply r : real) {
                    try {
                        ctx.client().messages().send(to, r);
                        metrics.lateSend(account, true);
                    } catch (RuntimeException e) {
                        metrics.lateSend(account, false);
                        log.warn("sending a {} reply to {} through customer service failed: {}", r.msgType(),
                                LogSafe.of(to), LogSafe.of(e.getMessage()));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            real.forEach(r -> metrics.lateSend(account, false));
            log.error("customer-service send queue is full; {} replies to {} dropped", real.size(), LogSafe.of(to));
        }
    }

    /** Schedules a response's after-response work in case the adapter never runs it. */
    CallbackResponse schedule(CallbackResponse response, boolean hasAfter) {
        if (hasAfter) {
            scheduler.schedule(response::afterResponse, 2, TimeUnit.SECONDS);
        }
        return response;
    }

    private void logInbound(Account account, Handler handler, WeChatMessage message, byte[] plain) {
        if (messageLog != null && (account.logMessages() || (handler != null && handler.logMessages()))) {
            messageLog.offer(new MessageLogEntry(account.name(), MessageLogEntry.Direction.IN, message.msgId(),
                    message.fromUserName(), message.msgType(), message.event(), name(handler),
                    new String(plain, StandardCharsets.UTF_8), message.createTime()));
        }
    }

    void flushMessageLog() {
        if (messageLog != null) {
            messageLog.flush(5_000);
        }
    }

    private static String name(Handler h) {
        return h == null ? "" : h.name();
    }

    private static void notify(Logger log, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("callback listener failed", e);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the executors after the work already queued. */
    @Override
    public void close() {
        scheduler.shutdown();
        handlerPool.shutdown();
        sendPool.shutdown();
        try {
            sendPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (messageLog != null) {
            messageLog.close();
        }
    }
}
