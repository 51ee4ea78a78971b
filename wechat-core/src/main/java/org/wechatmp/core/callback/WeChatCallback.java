package org.wechatmp.core.callback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.wechatmp.core.Account;
import org.wechatmp.core.AccountRegistry;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.web.WebDefaults;

/**
 * The one framework-agnostic callback entry. Adapters call {@link #admit} before reading the body and
 * {@link CallbackAdmission#complete} (or {@link CallbackAdmission#read}) after; {@link #handle} does both.
 *
 * <ol>
 *   <li>Stage one, before any body byte: the account (unknown 404), {@code signature} in constant time (403), the
 *       timestamp window (400), plaintext for a safe-mode account (400), a declared body over
 *       {@link Builder#maxBodyBytes} (413). GET answers {@code echostr} (its nonce recorded; a reuse is 400).</li>
 *   <li>The adapter reads the body within {@link Builder#bodyDeadline} (default 5 s): short or broken 400, too
 *       large 413, late 408.</li>
 *   <li>Stage two: check {@code msg_signature} and decrypt safe/compatible mode; parse once.</li>
 *   <li>Dedupe by account + MsgId (or sender + CreateTime + event): the first delivery runs the handler; a
 *       redelivery waits for it or gets its recorded reply. An encrypted body is signed with its nonce, so its replay
 *       is such a redelivery (the record outlives the window). A plaintext delivery's nonce is recorded (now, so a
 *       refused request never burns it): reused, it is only a redelivery (awaited up to 1 s), else 400.</li>
 *   <li>Run the engine; replies that may block run on a pool that grows to {@link Builder#handlerThreads} before it
 *       queues, under the deadline (default 4.5 s, read from {@link Builder#ticker}); a late reply goes through
 *       customer service. Past {@link Builder#accountConcurrency} requests of one account waiting on such handlers,
 *       a request answers {@code success} at once and its reply goes through customer service.</li>
 *   <li>Render, encrypt when the request was encrypted, answer. Reply-all extras go through customer service after
 *       the answer; the message log is written asynchronously in batches; listeners are told.</li>
 * </ol>
 *
 * <p>A handler failure answers 200 {@code success}, logged with an id on {@code wechat.handler.{account}}; request
 * values in log lines are escaped and cut to 200 characters. Refusals (by reason), answers, deduplicated and replayed
 * deliveries, handler times, missed deadlines, late sends and message-log drops go to {@link Builder#metrics}.
 * Thread-safe; build one and {@link #close()} it.
 */
public final class WeChatCallback implements AutoCloseable {
    private final InboundProtocol protocol;
    private final Deliveries deliveries;
    private final HandlerRunner runner;
    private final LongSupplier nanoTime;
    private final DefaultClients ownClients;
    private final Completion completion;
    private final Duration bodyDeadline;

    private WeChatCallback(Builder b) {
        this.nanoTime = b.nanoTime;
        this.ownClients = b.clients == null ? new DefaultClients() : null;
        this.bodyDeadline = b.bodyDeadline;
        this.protocol = new InboundProtocol(b.registry, b.window, b.parser, b.maxBodyBytes, b.metrics);
        this.deliveries = new Deliveries(b.dedupe, b.nonces, b.replayProtection, b.window.tolerance(),
                b.nanoTime, b.deadline);
        List<CallbackListener> all = new ArrayList<>(b.trackSubscriptions ? List.of(new SubscriptionListener(b.users))
                : List.of());
        all.addAll(b.listeners);
        this.runner = new HandlerRunner(b.engine, deliveries, b.users, List.copyOf(all),
                ownClients != null ? ownClients : b.clients,
                b.messageLog == null ? null
                        : new AsyncMessageLog(b.messageLog, b.messageLogCapacity, b.messageLogWriters, b.metrics),
                b.window.clock(), b.nanoTime, b.deadline, b.handlerThreads, b.accountConcurrency, b.metrics);
        this.completion = new Completion(protocol, deliveries, runner, b.metrics, b.nanoTime, b.dedupeTtl);
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
     * Handles one callback whose body is already read: {@link #admit} then {@link CallbackAdmission#complete}.
     *
     * @param request the request
     * @return the response; never a stack trace, never a 500
     */
    public CallbackResponse handle(CallbackRequest request) {
        CallbackAdmission a = admit(request.account(), request.method(), request.query(), request.clientAddress(),
                request.body().length);
        return a.answered() ? a.response() : a.complete(request.body());
    }

    /**
     * Stage one: checks everything that can be checked before the body is read, and answers the GET handshake.
     *
     * @param account the account name from the URL
     * @param method the HTTP method
     * @param query the query parameters (first value of each)
     * @param clientAddress the caller's address, for logs
     * @param declaredLength {@code Content-Length}, or -1 when not declared
     * @return what to do next; never throws for hostile input
     */
    public CallbackAdmission admit(String account, String method, Map<String, String> query, String clientAddress,
            long declaredLength) {
        long started = nanoTime.getAsLong();
        Map<String, String> q = query == null ? Map.of() : Map.copyOf(query);
        String address = Objects.requireNonNullElse(clientAddress, "");
        try {
            InboundProtocol.Inbound in = protocol.admit(account, Objects.requireNonNull(method, "method"), q, address,
                    declaredLength, started);
            return "GET".equalsIgnoreCase(method) ? CallbackAdmission.answered(protocol.handshake(in, deliveries))
                    : CallbackAdmission.pending(this, protocol, in, bodyDeadline, runner.scheduler());
        } catch (InboundProtocol.Refused r) {
            return CallbackAdmission.answered(r.response());
        }
    }

    CallbackResponse complete(InboundProtocol.Inbound in, byte[] body) {
        return completion.complete(in, body);
    }

    /** Waits until queued message-log entries are written; for tests and orderly shutdown. */
    void flushMessageLog() {
        runner.flushMessageLog();
    }

    /** Stops the executors after the work already queued, then releases the clients it made (no factory given). */
    @Override
    public void close() {
        runner.close();
        if (ownClients != null) {
            ownClients.close();
        }
    }

    /** The clients this callback made, or {@code null} when a factory was given (for tests). */
    DefaultClients ownClients() {
        return ownClients;
    }

    /** Builds a {@link WeChatCallback}. Every option has a default. */
    public static final class Builder {
        private final AccountRegistry registry;
        private final ReplyEngine engine;
        private Deduplicator dedupe;
        private NonceStore nonces;
        private boolean replayProtection = true;
        private TimestampWindow window = TimestampWindow.defaults();
        private Duration deadline = Duration.ofMillis(4_500);
        private Duration dedupeTtl = Duration.ofMinutes(2);
        private Duration bodyDeadline = Duration.ofSeconds(5);
        private UserRepository users = new InMemoryUserRepository();
        private boolean trackSubscriptions = true;
        private final List<CallbackListener> listeners = new ArrayList<>();
        private Function<Account, WeChatClient> clients;
        private MessageParser parser = MessageParser.defaults();
        private int maxBodyBytes = WebDefaults.MAX_BODY_BYTES;
        private MessageLogStore messageLog;
        private int messageLogCapacity = 10_000;
        private int messageLogWriters = 2;
        private int handlerThreads = 64;
        private int accountConcurrency = 32;
        private LongSupplier nanoTime = System::nanoTime;
        private WeChatMetrics metrics = WeChatMetrics.NONE;

        private Builder(AccountRegistry registry, ReplyEngine engine) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * Where deliveries are deduplicated; default in memory ({@link InMemoryStores}). Share one across nodes.
         * @param dedupe the deduplicator
         * @return this builder
         */
        public Builder deduplicator(Deduplicator dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe);
            return this;
        }

        /**
         * Where nonces are remembered; default in memory ({@link InMemoryStores}). Share one across nodes.
         * @param nonces the store
         * @return this builder
         */
        public Builder nonceStore(NonceStore nonces) {
            this.nonces = Objects.requireNonNull(nonces);
            return this;
        }

        /**
         * Switches the nonce replay check (on by default).
         * @param on whether reused nonces are refused
         * @return this builder
         */
        public Builder replayProtection(boolean on) {
            this.replayProtection = on;
            return this;
        }

        /**
         * Where refusals, answers, deduplicated and replayed deliveries, handler times, missed deadlines, late sends
         * and message-log drops are reported; default {@link WeChatMetrics#NONE}. The runtime passes its own.
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(WeChatMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * The timestamp window and the clock; default ±180 s on the system clock.
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
         * @param deadline the deadline
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline);
            return this;
        }

        /**
         * The ticker the deadline is read from, in nanoseconds; default {@code System::nanoTime}. For tests.
         * @param nanoTime the ticker
         * @return this builder
         */
        public Builder ticker(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime);
            return this;
        }

        /**
         * How long deliveries are remembered for deduplication; default 2 minutes (WeChat retries within 15 s).
         * @param ttl the time
         * @return this builder
         */
        public Builder dedupeTtl(Duration ttl) {
            this.dedupeTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /**
         * How long the whole body may take to arrive once the query checks passed; default 5 s.
         * @param deadline the time
         * @return this builder
         */
        public Builder bodyDeadline(Duration deadline) {
            this.bodyDeadline = Objects.requireNonNull(deadline);
            return this;
        }

        /**
         * The largest body accepted (a larger declared {@code Content-Length} is 413 before reading); default
         * {@link WebDefaults#MAX_BODY_BYTES}, the limit the web adapters read (the parser's default, 256 KiB).
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * The user repository handlers see and follow events update; default in memory.
         * @param users the repository
         * @return this builder
         */
        public Builder users(UserRepository users) {
            this.users = Objects.requireNonNull(users);
            return this;
        }

        /**
         * Switches the built-in listener that records follows and unfollows (on by default).
         * @param on whether to track
         * @return this builder
         */
        public Builder trackSubscriptions(boolean on) {
            this.trackSubscriptions = on;
            return this;
        }

        /**
         * Adds a listener.
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CallbackListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * How clients are made for accounts (the factory's owner closes them); default one cached client per account
         * ({@code api_base} honoured) on an OkHttp client the callback owns and releases when it is closed.
         * @param clients the factory
         * @return this builder
         */
        public Builder clients(Function<Account, WeChatClient> clients) {
            this.clients = Objects.requireNonNull(clients);
            return this;
        }

        /**
         * The parser (and so the XML size limit).
         * @param parser the parser
         * @return this builder
         */
        public Builder parser(MessageParser parser) {
            this.parser = Objects.requireNonNull(parser);
            return this;
        }

        /**
         * Where the message log goes; default none.
         * @param store the store
         * @return this builder
         */
        public Builder messageLog(MessageLogStore store) {
            this.messageLog = store;
            return this;
        }

        /**
         * The size of the message log queue; entries beyond it are dropped and counted.
         * @param capacity the size
         * @return this builder
         */
        public Builder messageLogCapacity(int capacity) {
            this.messageLogCapacity = capacity;
            return this;
        }

        /**
         * Threads writing the message log (default 2), each with its share of the queue and its own followers.
         * @param writers the count, at least 1
         * @return this builder
         */
        public Builder messageLogWriters(int writers) {
            if (writers < 1) {
                throw new IllegalArgumentException("at least one message log writer");
            }
            this.messageLogWriters = writers;
            return this;
        }

        /**
         * Threads for handlers that may block; the pool grows to this before it queues. Default 64.
         * @param threads the count
         * @return this builder
         */
        public Builder handlerThreads(int threads) {
            this.handlerThreads = threads;
            return this;
        }

        /**
         * How many requests of one account may wait on blocking handlers at once; past it a request answers
         * {@code success} at once and its handler's reply goes through customer service. Default 32.
         * @param requests the bound
         * @return this builder
         */
        public Builder accountConcurrency(int requests) {
            this.accountConcurrency = Math.max(0, requests);
            return this;
        }

        /**
         * Builds the callback.
         * @return the callback
         */
        public WeChatCallback build() {
            InMemoryStores memory = dedupe == null || nonces == null ? new InMemoryStores(window.clock()) : null;
            dedupe = dedupe == null ? memory : dedupe;
            nonces = nonces == null ? memory : nonces;
            return new WeChatCallback(this);
        }
    }
}
