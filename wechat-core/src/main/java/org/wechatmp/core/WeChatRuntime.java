package org.wechatmp.core;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobRunner;
import org.wechatmp.core.jobs.JobRunnerBuilder;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.sync.AutoReplyImport;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.MaterialCleanup;
import org.wechatmp.core.sync.MaterialSync;
import org.wechatmp.core.sync.MenuSync;
import org.wechatmp.core.sync.TagSync;
import org.wechatmp.core.sync.TemplateSync;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.client.WeChatClientBuilder;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.oauth.WebOAuth;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.client.TokenStore;
import org.wechatmp.core.spi.UserRepository;

/**
 * Everything an application needs for its accounts, wired once: a client per account, the reply engine, the
 * callback pipeline, the web OAuth flow, the sync services, the background job runner and the proactive token
 * refresher, all on the same SPIs, clock and metrics (in memory by default; the storage module supplies database
 * ones). Adapters take a runtime and expose it over HTTP.
 *
 * <p>The runtime owns one OkHttp client shared by its account clients (unless given one with
 * {@link WeChatRuntimeBuilder#httpClient}) and its threads: {@link #close()} it (try-with-resources) to release them. Each
 * account's client is built by {@link WeChatRuntimeBuilder#clientFactory} from defaults the runtime prepared (token store, clock,
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

    WeChatRuntime(WeChatRuntimeBuilder b) {
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
        this.menuSync = new MenuSync(b.menus, handlers, materials, b.syncStates, clock);
        this.materialSync = new MaterialSync(materials, b.syncStates, clock);
        this.templateSync = new TemplateSync(b.templates, b.syncStates, clock);
        this.autoReplyImport = new AutoReplyImport(handlers, materials, b.syncStates, clock);
        this.materialCleanup = new MaterialCleanup(materials, handlers, b.menus, b.syncStates, clock);
        JobRunnerBuilder jb = JobRunner.builder(b.jobStore, accounts, this::client).clock(clock).metrics(metrics)
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
    public static WeChatRuntimeBuilder builder(AccountRegistry accounts) {
        return new WeChatRuntimeBuilder(accounts);
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
     * pool, cache). An OkHttp client given to {@link WeChatRuntimeBuilder#httpClient} is left open.
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

}
