package org.wechatmp.core.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.wechatmp.core.Account;
import org.wechatmp.core.metrics.WeChatMetrics;

/**
 * Builds a {@link WeChatClient}: {@link WeChatClient#builder(String, String)} or
 * {@link WeChatClient#builder(Account)}. Only appId and secret are required.
 */
public final class WeChatClientBuilder {
    private static final TokenStore SHARED_STORE = new InMemoryTokenStore();

    final String appId;
    final String secret;
    String name;
    OkHttpClient http;
    Duration connectTimeout;
    Duration readTimeout;
    WeChatMetrics metrics = WeChatMetrics.NONE;
    HttpUrl baseUrl = HttpUrl.get(WeChatClient.DEFAULT_BASE_URL);
    String authorizeBaseUrl = OAuthApi.DEFAULT_AUTHORIZE_BASE;
    TokenStore tokenStore = SHARED_STORE;
    TokenSource tokenSource = TokenSource.clientCredential();
    Clock clock = Clock.systemUTC();
    RetryPolicy retry = RetryPolicy.defaults();
    Duration refreshMargin = Duration.ofMinutes(5);
    Duration leaseTtl = Duration.ofSeconds(15);

    WeChatClientBuilder(String appId, String secret) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /**
     * The account name used in logger names; default the appId.
     *
     * @param name the name
     * @return this builder
     */
    public WeChatClientBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * The OkHttp client, owned by the caller (closing this client leaves it open). Default: the client makes
     * its own with 5 s connect and 10 s read timeouts, and releases it on {@link WeChatClient#close()}.
     *
     * @param http the client
     * @return this builder
     */
    public WeChatClientBuilder httpClient(OkHttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
        return this;
    }

    /**
     * The read timeout of API calls (default 10 s); with a given OkHttp client, a derived client sharing its
     * connection pool is used.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public WeChatClientBuilder timeout(Duration timeout) {
        this.readTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * The connect timeout (default 5 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public WeChatClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Where token fetches, API calls and retries are reported; default {@link WeChatMetrics#NONE}.
     *
     * @param metrics the metrics
     * @return this builder
     */
    public WeChatClientBuilder metrics(WeChatMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * The API base URL; default {@value WeChatClient#DEFAULT_BASE_URL}. Point it at a test double, a proxy or a
     * gateway.
     *
     * @param baseUrl the URL
     * @return this builder
     */
    public WeChatClientBuilder baseUrl(String baseUrl) {
        String u = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.baseUrl = HttpUrl.get(u);
        return this;
    }

    /**
     * The base of the browser authorize URL; default {@code https://open.weixin.qq.com}.
     *
     * @param url the URL
     * @return this builder
     */
    public WeChatClientBuilder authorizeBaseUrl(String url) {
        this.authorizeBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return this;
    }

    /**
     * Where tokens are kept; default one in-memory store per process. Use a shared store when several
     * processes serve the account.
     *
     * @param store the store
     * @return this builder
     */
    public WeChatClientBuilder tokenStore(TokenStore store) {
        this.tokenStore = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Where new tokens come from; default {@link TokenSource#clientCredential()}.
     *
     * @param source the source
     * @return this builder
     */
    public WeChatClientBuilder tokenSource(TokenSource source) {
        this.tokenSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * The clock for token expiry; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public WeChatClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The busy-retry policy; default {@link RetryPolicy#defaults()}.
     *
     * @param retry the policy
     * @return this builder
     */
    public WeChatClientBuilder retryPolicy(RetryPolicy retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /**
     * How long before expiry a token is refreshed; default 5 minutes.
     *
     * @param margin the margin
     * @return this builder
     */
    public WeChatClientBuilder refreshMargin(Duration margin) {
        this.refreshMargin = Objects.requireNonNull(margin, "margin");
        return this;
    }

    /**
     * How long a refresh lease lasts if its holder dies; default 15 seconds.
     *
     * @param ttl the lease time
     * @return this builder
     */
    public WeChatClientBuilder refreshLease(Duration ttl) {
        this.leaseTtl = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public WeChatClient build() {
        return new WeChatClient(this);
    }

    /** The builder for an account: its appId, secret and name, and its {@code api_base}, {@code oauth_url} and
     * {@code token_url} options. */
    static WeChatClientBuilder of(Account account) {
        WeChatClientBuilder b = new WeChatClientBuilder(account.appId(), account.secret()).name(account.name());
        if (present(account.option("api_base"))) {
            b.baseUrl(account.option("api_base"));
        }
        if (present(account.option("oauth_url"))) {
            b.authorizeBaseUrl(account.option("oauth_url"));
        }
        if (present(account.option("token_url"))) {
            b.tokenSource(TokenSource.url(account.option("token_url")));
        }
        return b;
    }

    private static boolean present(String option) {
        return option != null && !option.isEmpty();
    }

    /** The name in logger names: the one set, or the appId. */
    String clientName() {
        return name == null ? appId : name;
    }

    /**
     * The OkHttp client the built client uses: its own (owned, {@link #ownsHttp()}), the given one, or one derived
     * from the given one with other timeouts (sharing its dispatcher and pool, which stay its owner's to close).
     */
    OkHttpClient okHttp() {
        if (http == null) {
            return timeouts(new OkHttpClient.Builder().writeTimeout(30, TimeUnit.SECONDS)).build();
        }
        return connectTimeout != null || readTimeout != null ? timeouts(http.newBuilder()).build() : http;
    }

    /** Whether the built client made its OkHttp client (and so closes it). */
    boolean ownsHttp() {
        return http == null;
    }

    private OkHttpClient.Builder timeouts(OkHttpClient.Builder b) {
        if (http == null || connectTimeout != null) {
            b.connectTimeout(connectTimeout == null ? WeChatClient.DEFAULT_CONNECT_TIMEOUT : connectTimeout);
        }
        if (http == null || readTimeout != null) {
            b.readTimeout(readTimeout == null ? WeChatClient.DEFAULT_READ_TIMEOUT : readTimeout);
        }
        return b;
    }

    /** The manager of one credential ({@code access_token}, {@code jsapi_ticket}) of the built client. */
    TokenManager credential(String kind, Supplier<FetchedToken> source) {
        return new TokenManager(appId + ":" + kind, tokenStore, source, clock, refreshMargin, leaseTtl, clientName(),
                metrics);
    }

    /** Releases an OkHttp client made by {@link #okHttp()}: its dispatcher threads, pooled connections and cache. */
    static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        Cache cache = http.cache();
        if (cache != null) {
            try {
                cache.close();
            } catch (IOException e) {
                // nothing to release beyond what failed
            }
        }
    }
}
