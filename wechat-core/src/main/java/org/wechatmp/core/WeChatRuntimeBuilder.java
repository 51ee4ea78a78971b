package org.wechatmp.core;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.wechatmp.core.jobs.InMemoryJobStore;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobStore;
import org.wechatmp.core.jobs.JobTask;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.spi.InMemoryMenuRepository;
import org.wechatmp.core.spi.InMemoryTagRepository;
import org.wechatmp.core.spi.InMemoryTemplateRepository;
import org.wechatmp.core.spi.MenuRepository;
import org.wechatmp.core.spi.TagRepository;
import org.wechatmp.core.spi.TemplateRepository;
import org.wechatmp.core.sync.InMemorySyncStateStore;
import org.wechatmp.core.sync.SyncStateStore;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.client.WeChatClientBuilder;
import org.wechatmp.core.engine.CustomReply;
import org.wechatmp.core.engine.CustomRule;
import org.wechatmp.core.oauth.OAuthStateSigner;
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

/** Builds a {@link WeChatRuntime}; everything but the accounts defaults to memory. */
public final class WeChatRuntimeBuilder {
    final AccountRegistry accounts;
    HandlerRepository handlers = new InMemoryHandlerRepository();
    UserRepository users = new InMemoryUserRepository();
    MaterialRepository materials = new InMemoryMaterialRepository();
    TokenStore tokens = new InMemoryTokenStore();
    final InMemoryStores memory = new InMemoryStores();
    Deduplicator dedupe = memory;
    NonceStore nonces = memory;
    MessageLogStore messageLog;
    OAuthStateSigner signer = OAuthStateSigner.random();
    Clock clock = Clock.systemUTC();
    final Map<String, CustomRule> customRules = new HashMap<>();
    final Map<String, CustomReply> customReplies = new HashMap<>();
    Consumer<WeChatCallback.Builder> callbackCustomizer = b -> { };
    TagRepository tags = new InMemoryTagRepository();
    MenuRepository menus = new InMemoryMenuRepository();
    TemplateRepository templates = new InMemoryTemplateRepository();
    SyncStateStore syncStates = new InMemorySyncStateStore();
    JobStore jobStore = new InMemoryJobStore();
    Duration jobLease = Duration.ofSeconds(60);
    Duration jobHeartbeat = Duration.ofSeconds(15);
    final Map<String, JobTask> jobTasks = new LinkedHashMap<>();
    final java.util.List<JobListener> jobListeners = new java.util.ArrayList<>();
    WeChatMetrics metrics = WeChatMetrics.NONE;
    OkHttpClient http;
    BiFunction<Account, WeChatClientBuilder, WeChatClient> clientFactory =
            (account, defaults) -> defaults.build();
    boolean proactiveRefresh = true;
    Duration refreshWindow = Duration.ofMinutes(10);
    Duration refreshPeriod = Duration.ofMinutes(1);

    WeChatRuntimeBuilder(AccountRegistry accounts) {
        this.accounts = Objects.requireNonNull(accounts);
    }

    /**
     * The handlers.
     *
     * @param handlers the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder handlers(HandlerRepository handlers) {
        this.handlers = Objects.requireNonNull(handlers);
        return this;
    }

    /**
     * The users.
     *
     * @param users the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder users(UserRepository users) {
        this.users = Objects.requireNonNull(users);
        return this;
    }

    /**
     * The materials.
     *
     * @param materials the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder materials(MaterialRepository materials) {
        this.materials = Objects.requireNonNull(materials);
        return this;
    }

    /**
     * The token store shared by the clients.
     *
     * @param tokens the store
     * @return this builder
     */
    public WeChatRuntimeBuilder tokenStore(TokenStore tokens) {
        this.tokens = Objects.requireNonNull(tokens);
        return this;
    }

    /**
     * The deduplicator.
     *
     * @param dedupe the deduplicator
     * @return this builder
     */
    public WeChatRuntimeBuilder deduplicator(Deduplicator dedupe) {
        this.dedupe = Objects.requireNonNull(dedupe);
        return this;
    }

    /**
     * The nonce store.
     *
     * @param nonces the store
     * @return this builder
     */
    public WeChatRuntimeBuilder nonceStore(NonceStore nonces) {
        this.nonces = Objects.requireNonNull(nonces);
        return this;
    }

    /**
     * The message log.
     *
     * @param log the store, or {@code null} for none
     * @return this builder
     */
    public WeChatRuntimeBuilder messageLog(MessageLogStore log) {
        this.messageLog = log;
        return this;
    }

    /**
     * The OAuth state signer; use a configured key when several nodes serve the same site.
     *
     * @param signer the signer
     * @return this builder
     */
    public WeChatRuntimeBuilder stateSigner(OAuthStateSigner signer) {
        this.signer = Objects.requireNonNull(signer);
        return this;
    }

    /**
     * The clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public WeChatRuntimeBuilder clock(Clock clock) {
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
    public WeChatRuntimeBuilder customRule(String name, CustomRule rule) {
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
    public WeChatRuntimeBuilder customReply(String name, CustomReply reply) {
        customReplies.put(name, reply);
        return this;
    }

    /**
     * Adjusts the callback pipeline (deadline, listeners, ...). Customizers add up: each runs, in the order given.
     *
     * @param customizer called with the pipeline's builder
     * @return this builder
     */
    public WeChatRuntimeBuilder callback(Consumer<WeChatCallback.Builder> customizer) {
        this.callbackCustomizer = this.callbackCustomizer.andThen(Objects.requireNonNull(customizer));
        return this;
    }

    /**
     * The tags.
     *
     * @param tags the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder tags(TagRepository tags) {
        this.tags = Objects.requireNonNull(tags);
        return this;
    }

    /**
     * The menus.
     *
     * @param menus the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder menus(MenuRepository menus) {
        this.menus = Objects.requireNonNull(menus);
        return this;
    }

    /**
     * The templates.
     *
     * @param templates the repository
     * @return this builder
     */
    public WeChatRuntimeBuilder templates(TemplateRepository templates) {
        this.templates = Objects.requireNonNull(templates);
        return this;
    }

    /**
     * Where sync cursors and results are kept.
     *
     * @param states the store
     * @return this builder
     */
    public WeChatRuntimeBuilder syncStates(SyncStateStore states) {
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
    public WeChatRuntimeBuilder jobStore(JobStore store) {
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
    public WeChatRuntimeBuilder jobLease(Duration ttl, Duration heartbeat) {
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
    public WeChatRuntimeBuilder job(String kind, JobTask task) {
        jobTasks.put(kind, Objects.requireNonNull(task));
        return this;
    }

    /**
     * A listener of every job run on this node.
     *
     * @param listener the listener
     * @return this builder
     */
    public WeChatRuntimeBuilder jobListener(JobListener listener) {
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
    public WeChatRuntimeBuilder metrics(WeChatMetrics metrics) {
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
    public WeChatRuntimeBuilder httpClient(OkHttpClient http) {
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
    public WeChatRuntimeBuilder clientFactory(BiFunction<Account, WeChatClientBuilder, WeChatClient> factory) {
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
    public WeChatRuntimeBuilder clientCustomizer(BiConsumer<Account, WeChatClientBuilder> customizer) {
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
    public WeChatRuntimeBuilder proactiveRefresh(boolean on) {
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
    public WeChatRuntimeBuilder proactiveRefresh(Duration window, Duration period) {
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
