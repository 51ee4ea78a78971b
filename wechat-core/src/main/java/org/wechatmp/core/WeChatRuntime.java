package org.wechatmp.core;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.jobs.InMemoryJobStore;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobRunner;
import org.wechatmp.core.jobs.JobStore;
import org.wechatmp.core.jobs.JobTask;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.spi.InMemoryMenuRepository;
import org.wechatmp.core.spi.InMemoryTagRepository;
import org.wechatmp.core.spi.InMemoryTemplateRepository;
import org.wechatmp.core.spi.MenuRepository;
import org.wechatmp.core.spi.TagRepository;
import org.wechatmp.core.spi.TemplateRepository;
import org.wechatmp.core.sync.AutoReplyImport;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.InMemorySyncStateStore;
import org.wechatmp.core.sync.MaterialCleanup;
import org.wechatmp.core.sync.MaterialSync;
import org.wechatmp.core.sync.MenuSync;
import org.wechatmp.core.sync.SyncStateStore;
import org.wechatmp.core.sync.TagSync;
import org.wechatmp.core.sync.TemplateSync;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.client.WeChatClientBuilder;
import org.wechatmp.core.engine.CustomReply;
import org.wechatmp.core.engine.CustomRule;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.oauth.WebOAuth;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.callback.InMemoryStores;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.callback.NonceStore;
import org.wechatmp.core.client.TokenStore;
import org.wechatmp.core.spi.UserRepository;

/**
 * Everything an application needs for its accounts, wired once: a client per account, the reply engine, the
 * callback pipeline, the web OAuth flow, the sync services, the background job runner and the proactive token
 * refresher, all on the same SPIs, clock and metrics (in memory by default; the storage module supplies database
 * ones). Adapters take a runtime and expose it over HTTP.
 *
 * <p>The runtime owns one OkHttp client shared by its account clients (unless given one with
 * {@link Builder#httpClient}) and its threads: {@link #close()} it (try-with-resources) to release them. Each
 * account's client is built by {@link Builder#clientFactory} from defaults the runtime prepared (token store, clock,
 * HTTP client, metrics, and the account's options), so an application can set timeouts, a retry policy or a token
 * source per account.
 *
 * <p>Per-account options read here: {@code api_base} (the API base URL), {@code oauth_url} (the host of the browser
 * authorize page) and {@code token_url} (a central token service, see {@link org.wechatmp.core.client.TokenSource#url(String)}).
 */
public final class WeChatRuntime implements AutoCloseable {
    private final AccountRegistry accounts;
    private final HandlerRepository handlers;
    private final UserRepository users;
    private final MaterialRepository materials;
    private final TokenStore tokens;
    private final Clock clock;
    private final WeChatMetrics metrics;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final BiFunction<Account, WeChatClientBuilder, WeChatClient> clientFactory;
    private final ReplyEngine engine;
    private final WeChatCallback callback;
    private final WebOAuth oauth;
    private final FollowerSync followerSync;
    private final TagSync tagSync;
    private final MenuSync menuSync;
    private final MaterialSync materialSync;
    private final TemplateSync templateSync;
    private final AutoReplyImport autoReplyImport;
    private final MaterialCleanup materialCleanup;
    private final JobRunner jobs;
    private final ProactiveTokenRefresher refresher;
    private final Map<String, Map.Entry<Account, WeChatClient>> clients = new ConcurrentHashMap<>();

    private WeChatRuntime(Builder b) {
        this.accounts = b.accounts;
        this.handlers = b.handlers;
        this.users = b.users;
        this.materials = b.materials;
        this.tokens = b.tokens;
        this.clock = b.clock;
        this.metrics = b.metrics;
        this.clientFactory = b.clientFactory;
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : new OkHttpClient.Builder()
                .connectTimeout(WeChatClient.DEFAULT_CONNECT_TIMEOUT)
                .readTimeout(WeChatClient.DEFAULT_READ_TIMEOUT)
                .writeTimeout(30, TimeUnit.SECONDS).build();
        ReplyEngine.Builder eb = ReplyEngine.builder(handlers).materials(materials).clock(clock);
        b.customRules.forEach(eb::customRule);
        b.customReplies.forEach(eb::customReply);
        this.engine = eb.build();
        WeChatCallback.Builder cb = WeChatCallback.builder(accounts, engine).users(users).clients(this::client)
                .metrics(metrics).deduplicator(b.dedupe).nonceStore(b.nonces).messageLog(b.messageLog)
                .timestampWindow(TimestampWindow.of(clock, TimestampWindow.DEFAULT_TOLERANCE));
        b.callbackCustomizer.accept(cb);
        this.callback = cb.build();
        this.oauth = new WebOAuth(this::client, users, b.signer, clock);
        this.followerSync = new FollowerSync(users, b.syncStates, clock);
        this.tagSync = new TagSync(b.tags, users, b.syncStates, clock);
        this.menuSync = new MenuSync(b.menus, handlers, b.syncStates, clock);
        this.materialSync = new MaterialSync(materials, b.syncStates, clock);
        this.templateSync = new TemplateSync(b.templates, b.syncStates, clock);
        this.autoReplyImport = new AutoReplyImport(handlers, materials, b.syncStates, clock);
        this.materialCleanup = new MaterialCleanup(materials, handlers, b.menus, b.syncStates, clock);
        JobRunner.Builder jb = JobRunner.builder(b.jobStore, accounts, this::client).clock(clock).metrics(metrics)
                .lease(b.jobLease, b.jobHeartbeat)
                .task(JobKind.FOLLOWERS_FULL, followerSync::full)
                .task(JobKind.FOLLOWERS_INCREMENTAL, followerSync::incremental)
                .task(JobKind.TAGS, tagSync::pull)
                .task(JobKind.MENUS, (account, client, listener) -> menuSync.importMenu(account, client, listener))
                .task(JobKind.MATERIALS, materialSync::run)
                .task(JobKind.TEMPLATES, templateSync::run)
                .task(JobKind.AUTO_REPLIES, autoReplyImport::run);
        b.jobTasks.forEach(jb::task);
        b.jobListeners.forEach(jb::listener);
        this.jobs = jb.build();
        this.refresher = new ProactiveTokenRefresher(accounts, this::client, b.refreshWindow, b.refreshPeriod,
                b.proactiveRefresh);
    }

    /**
     * Starts a builder.
     *
     * @param accounts where accounts are found
     * @return the builder
     */
    public static Builder builder(AccountRegistry accounts) {
        return new Builder(accounts);
    }

    /**
     * The accounts.
     *
     * @return the registry
     */
    public AccountRegistry accounts() {
        return accounts;
    }

    /**
     * Finds an account.
     *
     * @param name the account name
     * @return the account
     */
    public Optional<Account> account(String name) {
        return accounts.find(name);
    }

    /**
     * The client of an account, made once and kept while the account's settings stay the same.
     *
     * @param account the account
     * @return the client
     */
    public WeChatClient client(Account account) {
        Map.Entry<Account, WeChatClient> current = clients.get(account.name());
        if (current != null && (current.getKey() == account || current.getKey().equals(account))) {
            return current.getValue();
        }
        WeChatClient[] replaced = {null};
        WeChatClient client = clients.compute(account.name(), (k, old) -> {
            if (old != null && (old.getKey() == account || old.getKey().equals(account))) {
                return old;
            }
            if (old != null) {
                replaced[0] = old.getValue();
            }
            WeChatClientBuilder defaults = WeChatClient.builder(account).tokenStore(tokens).clock(clock)
                    .httpClient(http).metrics(metrics);
            return Map.entry(account, Objects.requireNonNull(clientFactory.apply(account, defaults),
                    "the client factory returned null"));
        }).getValue();
        if (replaced[0] != null) {
            replaced[0].close();
        }
        return client;
    }

    /**
     * The sync services for an account, on the runtime's repositories and clock, with the account's client.
     *
     * @param account the account
     * @return the services
     */
    public AccountSync sync(Account account) {
        return new AccountSync(account, client(account), followerSync, tagSync, menuSync, materialSync,
                templateSync, autoReplyImport, materialCleanup);
    }

    /**
     * The background job runner: sync jobs, once per (account, kind) across nodes sharing the job store.
     *
     * @return the runner
     */
    public JobRunner jobs() {
        return jobs;
    }

    /**
     * Runs one round of the proactive token refresher now (it also runs by itself unless switched off): renews
     * every stored access token and JS-SDK ticket with less than the refresh window left.
     *
     * @return how many credentials were fetched
     */
    public int refreshTokensNow() {
        return refresher.refreshDue();
    }

    /**
     * The clock everything in this runtime reads.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Where the runtime reports metrics.
     *
     * @return the metrics
     */
    public WeChatMetrics metrics() {
        return metrics;
    }

    /**
     * The reply engine.
     *
     * @return the engine
     */
    public ReplyEngine engine() {
        return engine;
    }

    /**
     * The callback pipeline.
     *
     * @return the pipeline
     */
    public WeChatCallback callback() {
        return callback;
    }

    /**
     * The web OAuth flow.
     *
     * @return the flow
     */
    public WebOAuth oauth() {
        return oauth;
    }

    /**
     * The handlers.
     *
     * @return the repository
     */
    public HandlerRepository handlers() {
        return handlers;
    }

    /**
     * The users.
     *
     * @return the repository
     */
    public UserRepository users() {
        return users;
    }

    /**
     * The materials.
     *
     * @return the repository
     */
    public MaterialRepository materials() {
        return materials;
    }

    /**
     * Stops the token refresher, the job runner (cancelling the jobs of this node), the callback pipeline's threads,
     * closes the account clients and, when the runtime made it, the shared OkHttp client (dispatcher, connection
     * pool, cache). An OkHttp client given to {@link Builder#httpClient} is left open.
     */
    @Override
    public void close() {
        refresher.close();
        jobs.close();
        callback.close();
        clients.values().forEach(e -> e.getValue().close());
        clients.clear();
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            if (http.cache() != null) {
                try {
                    http.cache().close();
                } catch (java.io.IOException e) {
                    // nothing more to release
                }
            }
        }
    }

    /** Builds a {@link WeChatRuntime}; everything but the accounts defaults to memory. */
    public static final class Builder {
        private final AccountRegistry accounts;
        private HandlerRepository handlers = new InMemoryHandlerRepository();
        private UserRepository users = new InMemoryUserRepository();
        private MaterialRepository materials = new InMemoryMaterialRepository();
        private TokenStore tokens = new InMemoryTokenStore();
        private final InMemoryStores memory = new InMemoryStores();
        private Deduplicator dedupe = memory;
        private NonceStore nonces = memory;
        private MessageLogStore messageLog;
        private OAuthStateSigner signer = OAuthStateSigner.random();
        private Clock clock = Clock.systemUTC();
        private final Map<String, CustomRule> customRules = new HashMap<>();
        private final Map<String, CustomReply> customReplies = new HashMap<>();
        private Consumer<WeChatCallback.Builder> callbackCustomizer = b -> { };
        private TagRepository tags = new InMemoryTagRepository();
        private MenuRepository menus = new InMemoryMenuRepository();
        private TemplateRepository templates = new InMemoryTemplateRepository();
        private SyncStateStore syncStates = new InMemorySyncStateStore();
        private JobStore jobStore = new InMemoryJobStore();
        private Duration jobLease = Duration.ofSeconds(60);
        private Duration jobHeartbeat = Duration.ofSeconds(15);
        private final Map<String, JobTask> jobTasks = new LinkedHashMap<>();
        private final java.util.List<JobListener> jobListeners = new java.util.ArrayList<>();
        private WeChatMetrics metrics = WeChatMetrics.NONE;
        private OkHttpClient http;
        private BiFunction<Account, WeChatClientBuilder, WeChatClient> clientFactory =
                (account, defaults) -> defaults.build();
        private boolean proactiveRefresh = true;
        private Duration refreshWindow = Duration.ofMinutes(10);
        private Duration refreshPeriod = Duration.ofMinutes(1);

        private Builder(AccountRegistry accounts) {
            this.accounts = Objects.requireNonNull(accounts);
        }

        /**
         * The handlers.
         *
         * @param handlers the repository
         * @return this builder
         */
        public Builder handlers(HandlerRepository handlers) {
            this.handlers = Objects.requireNonNull(handlers);
            return this;
        }

        /**
         * The users.
         *
         * @param users the repository
         * @return this builder
         */
        public Builder users(UserRepository users) {
            this.users = Objects.requireNonNull(users);
            return this;
        }

        /**
         * The materials.
         *
         * @param materials the repository
         * @return this builder
         */
        public Builder materials(MaterialRepository materials) {
            this.materials = Objects.requireNonNull(materials);
            return this;
        }

        /**
         * The token store shared by the clients.
         *
         * @param tokens the store
         * @return this builder
         */
        public Builder tokenStore(TokenStore tokens) {
            this.tokens = Objects.requireNonNull(tokens);
            return this;
        }

        /**
         * The deduplicator.
         *
         * @param dedupe the deduplicator
         * @return this builder
         */
        public Builder deduplicator(Deduplicator dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe);
            return this;
        }

        /**
         * The nonce store.
         *
         * @param nonces the store
         * @return this builder
         */
        public Builder nonceStore(NonceStore nonces) {
            this.nonces = Objects.requireNonNull(nonces);
            return this;
        }

        /**
         * The message log.
         *
         * @param log the store, or {@code null} for none
         * @return this builder
         */
        public Builder messageLog(MessageLogStore log) {
            this.messageLog = log;
            return this;
        }

        /**
         * The OAuth state signer; use a configured key when several nodes serve the same site.
         *
         * @param signer the signer
         * @return this builder
         */
        public Builder stateSigner(OAuthStateSigner signer) {
            this.signer = Objects.requireNonNull(signer);
            return this;
        }

        /**
         * The clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Registers a custom rule.
         *
         * @param name its name in handler data
         * @param rule the rule
         * @return this builder
         */
        public Builder customRule(String name, CustomRule rule) {
            customRules.put(name, rule);
            return this;
        }

        /**
         * Registers a custom reply.
         *
         * @param name its name in handler data
         * @param reply the reply
         * @return this builder
         */
        public Builder customReply(String name, CustomReply reply) {
            customReplies.put(name, reply);
            return this;
        }

        /**
         * Adjusts the callback pipeline (deadline, listeners, ...).
         *
         * @param customizer called with the pipeline's builder
         * @return this builder
         */
        public Builder callback(Consumer<WeChatCallback.Builder> customizer) {
            this.callbackCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        /**
         * The tags.
         *
         * @param tags the repository
         * @return this builder
         */
        public Builder tags(TagRepository tags) {
            this.tags = Objects.requireNonNull(tags);
            return this;
        }

        /**
         * The menus.
         *
         * @param menus the repository
         * @return this builder
         */
        public Builder menus(MenuRepository menus) {
            this.menus = Objects.requireNonNull(menus);
            return this;
        }

        /**
         * The templates.
         *
         * @param templates the repository
         * @return this builder
         */
        public Builder templates(TemplateRepository templates) {
            this.templates = Objects.requireNonNull(templates);
            return this;
        }

        /**
         * Where sync cursors and results are kept.
         *
         * @param states the store
         * @return this builder
         */
        public Builder syncStates(SyncStateStore states) {
            this.syncStates = Objects.requireNonNull(states);
            return this;
        }

        /**
         * Where job leases and run records live; share one store (e.g. the database's) between nodes so a job runs
         * once across them.
         *
         * @param store the store
         * @return this builder
         */
        public Builder jobStore(JobStore store) {
            this.jobStore = Objects.requireNonNull(store);
            return this;
        }

        /**
         * How long a job's lease lasts without renewal (default 60 s) and how often it is renewed (default 15 s).
         *
         * @param ttl the lease
         * @param heartbeat the renewal period
         * @return this builder
         */
        public Builder jobLease(Duration ttl, Duration heartbeat) {
            this.jobLease = Objects.requireNonNull(ttl);
            this.jobHeartbeat = Objects.requireNonNull(heartbeat);
            return this;
        }

        /**
         * Registers a custom job kind (or replaces a built-in kind's work).
         *
         * @param kind the kind's name
         * @param task the work
         * @return this builder
         */
        public Builder job(String kind, JobTask task) {
            jobTasks.put(kind, Objects.requireNonNull(task));
            return this;
        }

        /**
         * A listener of every job run on this node.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder jobListener(JobListener listener) {
            jobListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Where token fetches, API calls, retries, sync jobs and the callback pipeline's events are reported;
         * default {@link WeChatMetrics#NONE}. For Micrometer:
         * {@code metrics(new MicrometerMetrics(registry))}.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(WeChatMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * The OkHttp client shared by the account clients, owned by the caller (the runtime does not close it).
         * Default: the runtime makes one and closes it on {@link WeChatRuntime#close()}.
         *
         * @param http the client
         * @return this builder
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        /**
         * How each account's client is built: given the account and a builder holding the runtime's defaults (token
         * store, clock, HTTP client, metrics, the account's {@code api_base}/{@code oauth_url}/{@code token_url}),
         * return the client, e.g. {@code (account, defaults) -> defaults.timeout(Duration.ofSeconds(3)).build()}.
         * Called once per account, and again when its settings change.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder clientFactory(BiFunction<Account, WeChatClientBuilder, WeChatClient> factory) {
            this.clientFactory = Objects.requireNonNull(factory);
            return this;
        }

        /**
         * Adjusts each account's client builder before the runtime builds it (a shorter form of
         * {@link #clientFactory}).
         *
         * @param customizer called with the account and the builder holding the defaults
         * @return this builder
         */
        public Builder clientCustomizer(BiConsumer<Account, WeChatClientBuilder> customizer) {
            Objects.requireNonNull(customizer);
            return clientFactory((account, defaults) -> {
                customizer.accept(account, defaults);
                return defaults.build();
            });
        }

        /**
         * Switches the proactive token refresher (default on): a daemon thread that renews each stored access
         * token and JS-SDK ticket when less than the window (default 10 minutes) is left, once across nodes
         * through the token store's lease, so callers never wait for a refresh.
         *
         * @param on whether it runs
         * @return this builder
         */
        public Builder proactiveRefresh(boolean on) {
            this.proactiveRefresh = on;
            return this;
        }

        /**
         * The proactive refresher's window (default 10 minutes; keep it above the clients' 5-minute margin) and how
         * often it looks (default every minute).
         *
         * @param window renew when less than this is left
         * @param period how often to look
         * @return this builder
         */
        public Builder proactiveRefresh(Duration window, Duration period) {
            this.refreshWindow = Objects.requireNonNull(window);
            this.refreshPeriod = Objects.requireNonNull(period);
            return this;
        }

        /**
         * Builds the runtime.
         *
         * @return the runtime
         */
        public WeChatRuntime build() {
            return new WeChatRuntime(this);
        }
    }
}
