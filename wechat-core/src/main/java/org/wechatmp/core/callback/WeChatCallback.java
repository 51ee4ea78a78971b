package org.wechatmp.core.callback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.crypto.WeChatCrypto;
import org.wechatmp.core.crypto.WeChatCryptoException;
import org.wechatmp.core.crypto.WeChatCryptoException.Reason;
import org.wechatmp.core.engine.EngineResult;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.message.MessageParseException;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.ReplyXml;
import org.wechatmp.core.AccountRegistry;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.UserRepository;

/**
 * The one framework-agnostic callback entry: {@code (account, method, query, body) -> (status, content type, body)}.
 * Adapters only translate HTTP into a {@link CallbackRequest} and the {@link CallbackResponse} back.
 *
 * <ol>
 *   <li>Find the account (unknown: 404).</li>
 *   <li>Verify {@code signature} in constant time (403), the timestamp window and the nonce (400). GET answers
 *       {@code echostr}.</li>
 *   <li>Decrypt safe/compatible mode after checking {@code msg_signature}; an account in safe mode refuses
 *       plaintext. Parse once; the appId inside the ciphertext is checked.</li>
 *   <li>Dedupe by account + MsgId (or sender + CreateTime + event): a redelivery waits for the first run or gets its
 *       recorded reply; the handler runs once. A reused nonce is accepted only as such a redelivery.</li>
 *   <li>Run the engine; replies that may block (news from storage, forward, custom code) run under the deadline
 *       (default 4.5 s). A late handler's reply goes out through customer service, and the callback answers
 *       {@code success} in time.</li>
 *   <li>Render, encrypt when the request was encrypted, answer. Reply-all extras go through customer service after
 *       the answer, on a bounded executor.</li>
 *   <li>Write the message log asynchronously, in batches; notify listeners.</li>
 * </ol>
 *
 * <p>A failure inside a handler answers 200 {@code success} (WeChat would otherwise tell the user the service is
 * unavailable) and is logged with an id on {@code wechat.handler.{account}}. Thread-safe; build one per application
 * and {@link #close()} it on shutdown.
 */
public final class WeChatCallback implements AutoCloseable {
    private static final String XML_TYPE = "application/xml; charset=utf-8";
    private static final Duration WAIT_POLL = Duration.ofMillis(10);

    private record CachedCrypto(Account account, WeChatCrypto crypto) {
    }

    private final AccountRegistry registry;
    private final ReplyEngine engine;
    private final Deduplicator dedupe;
    private final NonceStore nonces;
    private final boolean replayProtection;
    private final TimestampWindow window;
    private final Duration deadline;
    private final Duration dedupeTtl;
    private final UserRepository users;
    private final List<CallbackListener> listeners;
    private final Function<Account, WeChatClient> clients;
    private final MessageParser parser;
    private final Clock clock;
    private final AsyncMessageLog messageLog;
    private final ThreadPoolExecutor handlerPool;
    private final ThreadPoolExecutor sendPool;
    private final ScheduledExecutorService scheduler;
    private final Map<String, CachedCrypto> cryptos = new ConcurrentHashMap<>();

    private WeChatCallback(Builder b) {
        this.registry = b.registry;
        this.engine = b.engine;
        this.dedupe = b.dedupe;
        this.nonces = b.nonces;
        this.replayProtection = b.replayProtection;
        this.window = b.window;
        this.deadline = b.deadline;
        this.dedupeTtl = b.dedupeTtl;
        this.users = b.users;
        List<CallbackListener> all = new ArrayList<>();
        if (b.trackSubscriptions) {
            all.add(new SubscriptionListener(b.users));
        }
        all.addAll(b.listeners);
        this.listeners = List.copyOf(all);
        this.clients = b.clients != null ? b.clients : defaultClients();
        this.parser = b.parser;
        this.clock = b.window.clock();
        this.messageLog = b.messageLog == null ? null : new AsyncMessageLog(b.messageLog, b.messageLogCapacity);
        this.handlerPool = new ThreadPoolExecutor(b.handlerThreads, Math.max(b.handlerThreads, 64), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), daemon("wechat-handler"));
        this.sendPool = new ThreadPoolExecutor(2, 8, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                daemon("wechat-send"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("wechat-after-response"));
    }

    /**
     * Starts a builder.
     *
     * @param registry where accounts are found
     * @param engine the reply engine
     * @return the builder
     */
    public static Builder builder(AccountRegistry registry, ReplyEngine engine) {
        return new Builder(registry, engine);
    }

    /**
     * Handles one callback.
     *
     * @param request the request
     * @return the response; never a stack trace, never a 500
     */
    public CallbackResponse handle(CallbackRequest request) {
        long started = System.nanoTime();
        Optional<Account> found = registry.find(request.account());
        if (found.isEmpty()) {
            LoggerFactory.getLogger("wechat.handler").warn("callback for unknown account {} from {}",
                    request.account(), request.clientAddress());
            return CallbackResponse.text(404, "unknown account");
        }
        Account account = found.get();
        Logger log = log(account);
        try {
            boolean replayed = verify(account, request);
            if ("GET".equalsIgnoreCase(request.method())) {
                if (replayed) {
                    throw new WeChatCryptoException(Reason.REPLAYED_NONCE, "nonce already used");
                }
                String echo = request.query().get("echostr");
                if (echo == null) {
                    return CallbackResponse.text(400, "missing echostr");
                }
                log.info("callback URL verified from {}", request.clientAddress());
                return CallbackResponse.text(200, echo);
            }
            if (!"POST".equalsIgnoreCase(request.method())) {
                return CallbackResponse.text(405, "method not allowed");
            }
            return message(account, request, replayed, started, log);
        } catch (WeChatCryptoException e) {
            int status = e.reason() == Reason.BAD_SIGNATURE ? 403 : 400;
            log.warn("refused callback from {} {}: {}", request.clientAddress(), request.query(), e.getMessage());
            return CallbackResponse.text(status, e.getMessage());
        } catch (MessageParseException e) {
            log.warn("refused callback from {} {}: {}", request.clientAddress(), request.query(), e.getMessage());
            return CallbackResponse.text(400, e.getMessage());
        } catch (RuntimeException e) {
            String id = errorId();
            log.error("[{}] callback from {} failed unexpectedly", id, request.clientAddress(), e);
            return CallbackResponse.text(200, ReplyXml.SUCCESS);
        }
    }

    /** Checks signature, timestamp and nonce; returns whether the nonce was seen before. */
    private boolean verify(Account account, CallbackRequest request) {
        Map<String, String> q = request.query();
        String signature = q.get("signature");
        String timestamp = q.get("timestamp");
        String nonce = q.get("nonce");
        if (signature == null || timestamp == null || nonce == null) {
            throw new WeChatCryptoException(Reason.MISSING_PARAMETER, "missing signature, timestamp or nonce");
        }
        WeChatCrypto.checkCallbackSignature(account.token(), signature, timestamp, nonce);
        window.check(timestamp);
        return replayProtection && !nonces.firstUse(account.name(), timestamp + ':' + nonce,
                clock.instant().plus(window.tolerance().multipliedBy(2)));
    }

    private CallbackResponse message(Account account, CallbackRequest request, boolean replayed, long started,
            Logger log) {
        Map<String, String> q = request.query();
        boolean encrypted = "aes".equalsIgnoreCase(q.get("encrypt_type"));
        if (!encrypted && account.encryptMode() == EncryptMode.SAFE) {
            throw new WeChatCryptoException(Reason.PLAINTEXT_REFUSED,
                    "plaintext message refused: the account is in safe mode");
        }
        XmlFields fields = parser.parseFields(request.body());
        byte[] plain;
        WeChatMessage message;
        WeChatCrypto crypto = null;
        if (encrypted) {
            if (account.aesKey().isEmpty()) {
                throw new WeChatCryptoException(Reason.BAD_AES_KEY,
                        "encrypted message but the account has no AES key");
            }
            String encrypt = fields.text("Encrypt");
            if (encrypt == null) {
                throw new WeChatCryptoException(Reason.BAD_XML, "encrypted message without an Encrypt element");
            }
            crypto = crypto(account);
            plain = crypto.verifyAndDecrypt(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), encrypt);
            message = parser.parse(plain);
        } else {
            plain = request.body();
            message = MessageParser.toMessage(fields);
        }
        Respond respond = new Respond(crypto, q.get("timestamp"), q.get("nonce"));
        String key = dedupeKey(account, message);
        Instant expires = clock.instant().plus(dedupeTtl);
        Deduplicator.Status status;
        if (replayed) {
            status = dedupe.get(key).orElseThrow(() -> new WeChatCryptoException(Reason.REPLAYED_NONCE,
                    "nonce already used"));
        } else {
            status = dedupe.begin(key, expires);
        }
        switch (status.state()) {
            case DONE -> {
                log.debug("redelivery of {} answered with the recorded reply", key);
                return respond.with(status.reply(), null);
            }
            case IN_PROGRESS -> {
                log.debug("redelivery of {} while the first delivery runs; waiting", key);
                return respond.with(awaitDone(key, started), null);
            }
            default -> {
                return run(account, message, plain, q, key, expires, started, respond, log);
            }
        }
    }

    private String awaitDone(String key, long started) {
        long limit = started + deadline.toNanos();
        while (System.nanoTime() + WAIT_POLL.toNanos() < limit) {
            Optional<Deduplicator.Status> s = dedupe.get(key);
            if (s.isPresent() && s.get().state() == Deduplicator.State.DONE) {
                return s.get().reply();
            }
            try {
                Thread.sleep(WAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "";
    }

    private CallbackResponse run(Account account, WeChatMessage message, byte[] plain, Map<String, String> query,
            String key, Instant expires, long started, Respond respond, Logger log) {
        WeChatClient client = account.secret().isEmpty() ? null : clients.apply(account);
        MessageContext ctx = new MessageContext(account, message, client, users, plain, query);
        for (CallbackListener l : listeners) {
            notify(log, () -> l.received(ctx));
        }
        Handler handler;
        EngineResult result;
        try {
            handler = engine.match(ctx);
            if (handler == null) {
                result = EngineResult.UNMATCHED;
            } else if (engine.mayBlock(handler)) {
                Duration remaining = remaining(started);
                CompletableFuture<EngineResult> future;
                try {
                    future = CompletableFuture.supplyAsync(() -> engine.reply(handler, ctx, remaining), handlerPool);
                } catch (RejectedExecutionException e) {
                    throw new WeChatException("handler pool is full", e);
                }
                try {
                    result = future.get(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    log.warn("handler {} missed the {} ms deadline for {}; answered success, its reply will go "
                            + "through customer service", handler.name(), deadline.toMillis(), key);
                    future.whenComplete((late, error) -> finishLate(ctx, handler, key, expires, late, error, log));
                    logInbound(account, handler, message, plain);
                    return respond.with("", null);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new WeChatException("handler failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WeChatException("interrupted while waiting for the handler", e);
                }
            } else {
                result = engine.reply(handler, ctx, remaining(started));
            }
        } catch (RuntimeException e) {
            String id = errorId();
            log.error("[{}] handling {} from {} failed; answered success", id, key, message.fromUserName(), e);
            dedupe.finish(key, "", expires);
            for (CallbackListener l : listeners) {
                notify(log, () -> l.failed(ctx, e));
            }
            return respond.with("", null);
        }
        String replyXml = result.passive() instanceof EmptyReply ? ""
                : ReplyXml.render(result.passive(), message, clock.millis() / 1000L);
        dedupe.finish(key, replyXml, expires);
        logInbound(account, result.handler(), message, plain);
        if (messageLog != null && account.logReplies() && !replyXml.isEmpty()) {
            messageLog.offer(new MessageLogEntry(account.name(), MessageLogEntry.Direction.OUT, 0,
                    message.fromUserName(), result.passive().msgType(), "", name(result.handler()), replyXml,
                    clock.instant()));
        }
        for (CallbackListener l : listeners) {
            notify(log, () -> l.handled(ctx, result.passive()));
        }
        if (log.isDebugEnabled()) {
            log.debug("{} from {} handled by {} in {} µs", key, message.fromUserName(), name(result.handler()),
                    (System.nanoTime() - started) / 1_000);
        }
        Runnable after = result.extra().isEmpty() ? null : () -> send(ctx, result.extra(), log);
        return respond.with(replyXml, after);
    }

    private void finishLate(MessageContext ctx, Handler handler, String key, Instant expires, EngineResult late,
            Throwable error, Logger log) {
        dedupe.finish(key, "", expires);
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            log.error("[{}] late handler {} for {} failed", errorId(), handler.name(), key, cause);
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

    /** Sends replies through customer service, in order, on the send pool; each failure is logged and the rest go. */
    private void send(MessageContext ctx, List<Reply> replies, Logger log) {
        try {
            sendPool.execute(() -> {
                for (Reply r : replies) {
                    try {
                        ctx.client().messages().send(ctx.message().fromUserName(), r);
                    } catch (RuntimeException e) {
                        log.warn("sending a {} reply to {} through customer service failed: {}", r.msgType(),
                                ctx.message().fromUserName(), e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("customer-service send queue is full; {} replies to {} dropped", replies.size(),
                    ctx.message().fromUserName());
        }
    }

    private void logInbound(Account account, Handler handler, WeChatMessage message, byte[] plain) {
        if (messageLog != null && (account.logMessages() || (handler != null && handler.logMessages()))) {
            messageLog.offer(new MessageLogEntry(account.name(), MessageLogEntry.Direction.IN, message.msgId(),
                    message.fromUserName(), message.msgType(), message.event(), name(handler),
                    new String(plain, StandardCharsets.UTF_8), message.createTime()));
        }
    }

    /** Answers with a plaintext reply, encrypting it when the request was encrypted. */
    private final class Respond {
        private final WeChatCrypto crypto;
        private final String timestamp;
        private final String nonce;

        Respond(WeChatCrypto crypto, String timestamp, String nonce) {
            this.crypto = crypto;
            this.timestamp = timestamp;
            this.nonce = nonce;
        }

        CallbackResponse with(String replyXml, Runnable after) {
            if (replyXml == null || replyXml.isEmpty()) {
                return CallbackResponse.text(200, ReplyXml.SUCCESS);
            }
            String body = crypto == null ? replyXml : crypto.encryptReply(replyXml, timestamp, nonce);
            CallbackResponse response = new CallbackResponse(200, XML_TYPE, body, after);
            if (after != null) {
                scheduler.schedule(response::afterResponse, 2, TimeUnit.SECONDS);
            }
            return response;
        }
    }

    static String dedupeKey(Account account, WeChatMessage m) {
        long id = m.msgId();
        if (id != 0 && !m.isEvent()) {
            return account.name() + ":m:" + id;
        }
        return account.name() + ":e:" + m.fromUserName() + ':' + m.createTimeSeconds() + ':' + m.event() + ':'
                + (id != 0 ? id : m.eventKey());
    }

    private WeChatCrypto crypto(Account account) {
        CachedCrypto c = cryptos.get(account.name());
        if (c == null || (c.account() != account && !c.account().equals(account))) {
            c = new CachedCrypto(account, WeChatCrypto.of(account.token(), account.aesKey(), account.appId()));
            cryptos.put(account.name(), c);
        }
        return c.crypto();
    }

    private Duration remaining(long started) {
        return deadline.minusNanos(System.nanoTime() - started);
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

    private static Logger log(Account account) {
        return LoggerFactory.getLogger("wechat.handler." + account.name());
    }

    private static String errorId() {
        return Signatures.randomAlphanumeric(10);
    }

    private static Function<Account, WeChatClient> defaultClients() {
        Map<String, Map.Entry<Account, WeChatClient>> cache = new ConcurrentHashMap<>();
        return account -> cache.compute(account.name(), (k, old) -> {
            if (old != null && old.getKey().equals(account)) {
                return old;
            }
            return Map.entry(account, WeChatClient.builder(account).build());
        }).getValue();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Waits until queued message-log entries are written; for tests and orderly shutdown. */
    void flushMessageLog() {
        if (messageLog != null) {
            messageLog.flush(5_000);
        }
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

    /** Builds a {@link WeChatCallback}. */
    public static final class Builder {
        private final AccountRegistry registry;
        private final ReplyEngine engine;
        private final InMemoryStores memory = new InMemoryStores();
        private Deduplicator dedupe = memory;
        private NonceStore nonces = memory;
        private boolean replayProtection = true;
        private TimestampWindow window = TimestampWindow.defaults();
        private Duration deadline = Duration.ofMillis(4_500);
        private Duration dedupeTtl = Duration.ofMinutes(2);
        private UserRepository users = new InMemoryUserRepository();
        private boolean trackSubscriptions = true;
        private final List<CallbackListener> listeners = new ArrayList<>();
        private Function<Account, WeChatClient> clients;
        private MessageParser parser = MessageParser.defaults();
        private MessageLogStore messageLog;
        private int messageLogCapacity = 10_000;
        private int handlerThreads = 8;

        private Builder(AccountRegistry registry, ReplyEngine engine) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * Where deliveries are deduplicated; default in memory. Use a shared one with several nodes.
         *
         * @param dedupe the deduplicator
         * @return this builder
         */
        public Builder deduplicator(Deduplicator dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe);
            return this;
        }

        /**
         * Where nonces are remembered; default in memory. Use a shared one with several nodes.
         *
         * @param nonces the store
         * @return this builder
         */
        public Builder nonceStore(NonceStore nonces) {
            this.nonces = Objects.requireNonNull(nonces);
            return this;
        }

        /**
         * Switches the nonce replay check (on by default).
         *
         * @param on whether reused nonces are refused
         * @return this builder
         */
        public Builder replayProtection(boolean on) {
            this.replayProtection = on;
            return this;
        }

        /**
         * The timestamp window and the clock; default ±180 s on the system clock.
         *
         * @param window the window
         * @return this builder
         */
        public Builder timestampWindow(TimestampWindow window) {
            this.window = Objects.requireNonNull(window);
            return this;
        }

        /**
         * How long a handler may take before the callback answers {@code success} and sends its reply through
         * customer service later; default 4.5 s (WeChat waits 5 s).
         *
         * @param deadline the deadline
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline);
            return this;
        }

        /**
         * How long deliveries are remembered for deduplication; default 2 minutes (WeChat retries within 15 s).
         *
         * @param ttl the time
         * @return this builder
         */
        public Builder dedupeTtl(Duration ttl) {
            this.dedupeTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /**
         * The user repository handlers see and follow events update; default in memory.
         *
         * @param users the repository
         * @return this builder
         */
        public Builder users(UserRepository users) {
            this.users = Objects.requireNonNull(users);
            return this;
        }

        /**
         * Switches the built-in listener that records follows and unfollows (on by default).
         *
         * @param on whether to track
         * @return this builder
         */
        public Builder trackSubscriptions(boolean on) {
            this.trackSubscriptions = on;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CallbackListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * How clients are made for accounts; default one cached client per account, honouring the
         * {@code api_base} option.
         *
         * @param clients the factory
         * @return this builder
         */
        public Builder clients(Function<Account, WeChatClient> clients) {
            this.clients = Objects.requireNonNull(clients);
            return this;
        }

        /**
         * The parser (and so the body size limit).
         *
         * @param parser the parser
         * @return this builder
         */
        public Builder parser(MessageParser parser) {
            this.parser = Objects.requireNonNull(parser);
            return this;
        }

        /**
         * Where the message log goes; default none.
         *
         * @param store the store
         * @return this builder
         */
        public Builder messageLog(MessageLogStore store) {
            this.messageLog = store;
            return this;
        }

        /**
         * The size of the message log queue; entries beyond it are dropped and counted.
         *
         * @param capacity the size
         * @return this builder
         */
        public Builder messageLogCapacity(int capacity) {
            this.messageLogCapacity = capacity;
            return this;
        }

        /**
         * Core threads for handlers that may block.
         *
         * @param threads the count
         * @return this builder
         */
        public Builder handlerThreads(int threads) {
            this.handlerThreads = threads;
            return this;
        }

        /**
         * Builds the callback.
         *
         * @return the callback
         */
        public WeChatCallback build() {
            return new WeChatCallback(this);
        }
    }
}
