package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.wechatmp.core.metrics.WeChatMetrics;

/**
 * The WeChat Official Account API for one account: immutable, thread-safe, built once by a {@link Builder} and
 * shared.
 *
 * <pre>{@code
 * WeChatClient client = WeChatClient.builder("wx123", secret).build();
 * UserInfo user = client.users().info("oOpenId");
 * client.messages().sendText("oOpenId", "你好");
 * }</pre>
 *
 * <p>The access token is kept in a {@link TokenStore} and refreshed a margin before expiry, once per expiry even
 * with many threads (and, with a shared store, many processes). A call rejected with 40001/40014/42001 drops only the
 * token that failed, refreshes, and is retried once. Busy errors (-1, 45011) are retried with backoff per the
 * {@link RetryPolicy}; quota, whitelist and authorization errors are not. Every failure is a
 * {@link org.wechatmp.core.WeChatException}: {@link org.wechatmp.core.WeChatApiException} for an errcode,
 * {@link org.wechatmp.core.WeChatHttpException} for HTTP errors and timeouts. No message or log line carries a
 * token or the secret.
 *
 * <p>Close a client when done with it ({@code try (WeChatClient client = ...)}): a client that made its own OkHttp
 * client shuts its dispatcher down and evicts its connection pool; one built on an OkHttp client passed to
 * {@link Builder#httpClient} leaves that client alone (its owner closes it).
 */
public final class WeChatClient implements AutoCloseable {
    /** The production API host. */
    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";

    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default read timeout. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final TokenStore SHARED_STORE = new InMemoryTokenStore();

    private final String name;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final ApiExecutor executor;
    private final TokenManager jsapiTicket;
    private final Clock clock;
    private final UsersApi users;
    private final TagsApi tags;
    private final MenusApi menus;
    private final MaterialsApi materials;
    private final MediaApi media;
    private final DraftsApi drafts;
    private final FreePublishApi freePublish;
    private final AutoReplyApi autoReplies;
    private final MessagesApi messages;
    private final TemplatesApi templates;
    private final QrCodesApi qrCodes;
    private final OAuthApi oauth;
    private final JsApi jsapi;
    private final SubscribeMessagesApi subscribeMessages;
    private final MassSendApi massSend;
    private final CustomerServiceApi customerService;
    private final CommentsApi comments;
    private final DataCubeApi dataCube;
    private final NetworkApi network;
    private final QuotaApi quota;
    private final ShortKeysApi shortKeys;

    private WeChatClient(Builder b) {
        this.name = b.name == null ? b.appId : b.name;
        this.clock = b.clock;
        if (b.http == null) {
            this.http = timeouts(new OkHttpClient.Builder().writeTimeout(30, TimeUnit.SECONDS), b).build();
            this.ownsHttp = true;
        } else if (b.connectTimeout != null || b.readTimeout != null) {
            // shares the given client's dispatcher and connection pool, which stay its owner's to close
            this.http = timeouts(b.http.newBuilder(), b).build();
            this.ownsHttp = false;
        } else {
            this.http = b.http;
            this.ownsHttp = false;
        }
        this.executor = new ApiExecutor(http, b.baseUrl, name, b.appId, b.secret, b.retry, b.metrics);
        TokenSource source = b.tokenSource;
        TokenSource.Context ctx = executor.tokenContext();
        executor.tokens(new TokenManager(b.appId + ":access_token", b.tokenStore, () -> source.fetch(ctx), clock,
                b.refreshMargin, b.leaseTtl, name, b.metrics));
        this.jsapiTicket = new TokenManager(b.appId + ":jsapi_ticket", b.tokenStore,
                () -> JsApi.fetchTicket(executor, "jsapi"), clock, b.refreshMargin, b.leaseTtl, name, b.metrics);
        this.users = new UsersApi(executor);
        this.tags = new TagsApi(executor);
        this.menus = new MenusApi(executor);
        this.materials = new MaterialsApi(executor);
        this.media = new MediaApi(executor);
        this.drafts = new DraftsApi(executor);
        this.freePublish = new FreePublishApi(executor);
        this.autoReplies = new AutoReplyApi(executor);
        this.messages = new MessagesApi(executor);
        this.templates = new TemplatesApi(executor);
        this.qrCodes = new QrCodesApi(executor);
        this.oauth = new OAuthApi(executor, b.appId, b.secret, b.authorizeBaseUrl, clock);
        this.jsapi = new JsApi(b.appId, jsapiTicket, clock);
        this.subscribeMessages = new SubscribeMessagesApi(executor);
        this.massSend = new MassSendApi(executor);
        this.customerService = new CustomerServiceApi(executor);
        this.comments = new CommentsApi(executor);
        this.dataCube = new DataCubeApi(executor);
        this.network = new NetworkApi(executor);
        this.quota = new QuotaApi(executor);
        this.shortKeys = new ShortKeysApi(executor);
    }

    /**
     * Starts a builder.
     *
     * @param appId the account's appId
     * @param secret the account's app secret
     * @return the builder
     */
    public static Builder builder(String appId, String secret) {
        return new Builder(appId, secret);
    }

    /**
     * Starts a builder for an account: its appId, secret and name, and the options {@code api_base} (base URL),
     * {@code oauth_url} (authorize page host) and {@code token_url} (a central token service).
     *
     * @param account the account
     * @return the builder
     */
    public static Builder builder(org.wechatmp.core.Account account) {
        Builder b = new Builder(account.appId(), account.secret()).name(account.name());
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

    private static OkHttpClient.Builder timeouts(OkHttpClient.Builder http, Builder b) {
        if (b.http == null || b.connectTimeout != null) {
            http.connectTimeout(b.connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : b.connectTimeout);
        }
        if (b.http == null || b.readTimeout != null) {
            http.readTimeout(b.readTimeout == null ? DEFAULT_READ_TIMEOUT : b.readTimeout);
        }
        return http;
    }

    private static boolean present(String option) {
        return option != null && !option.isEmpty();
    }

    /**
     * The account's appId.
     *
     * @return the appId
     */
    public String appId() {
        return executor.appId();
    }

    /**
     * The name used in logger names ({@code wechat.api.req.{name}}); the appId unless set.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The current access token, refreshed first if needed. Most code never needs it.
     *
     * @return the token
     */
    public String accessToken() {
        return executor.tokens().token();
    }

    /**
     * Followers: info, batch info, the follower list, remarks, the blacklist.
     *
     * @return the group
     */
    public UsersApi users() {
        return users;
    }

    /**
     * Tags and their members.
     *
     * @return the group
     */
    public TagsApi tags() {
        return tags;
    }

    /**
     * The custom menu, conditional menus and the current self-menu info.
     *
     * @return the group
     */
    public MenusApi menus() {
        return menus;
    }

    /**
     * Permanent materials.
     *
     * @return the group
     */
    public MaterialsApi materials() {
        return materials;
    }

    /**
     * Temporary media.
     *
     * @return the group
     */
    public MediaApi media() {
        return media;
    }

    /**
     * Drafts (the current way to create articles).
     *
     * @return the group
     */
    public DraftsApi drafts() {
        return drafts;
    }

    /**
     * Free publishing of drafts.
     *
     * @return the group
     */
    public FreePublishApi freePublish() {
        return freePublish;
    }

    /**
     * The auto-reply settings made in the WeChat console.
     *
     * @return the group
     */
    public AutoReplyApi autoReplies() {
        return autoReplies;
    }

    /**
     * Customer-service messages and typing state.
     *
     * @return the group
     */
    public MessagesApi messages() {
        return messages;
    }

    /**
     * Template messages.
     *
     * @return the group
     */
    public TemplatesApi templates() {
        return templates;
    }

    /**
     * Parametric QR codes.
     *
     * @return the group
     */
    public QrCodesApi qrCodes() {
        return qrCodes;
    }

    /**
     * Web authorization (OAuth 2.0).
     *
     * @return the group
     */
    public OAuthApi oauth() {
        return oauth;
    }

    /**
     * The JS-SDK ticket and page signatures.
     *
     * @return the group
     */
    public JsApi jsapi() {
        return jsapi;
    }

    /**
     * Subscription notifications (订阅通知): template library, private templates, sending.
     *
     * @return the group
     */
    public SubscribeMessagesApi subscribeMessages() {
        return subscribeMessages;
    }

    /**
     * Mass sending (群发): to all, to a tag, to openids; preview, status, delete, speed.
     *
     * @return the group
     */
    public MassSendApi massSend() {
        return massSend;
    }

    /**
     * Customer-service accounts, sessions and chat records.
     *
     * @return the group
     */
    public CustomerServiceApi customerService() {
        return customerService;
    }

    /**
     * Comments on published articles.
     *
     * @return the group
     */
    public CommentsApi comments() {
        return comments;
    }

    /**
     * Statistics by date range, split to WeChat's per-call limits.
     *
     * @return the group
     */
    public DataCubeApi dataCube() {
        return dataCube;
    }

    /**
     * WeChat's callback and API addresses, and the callback network check.
     *
     * @return the group
     */
    public NetworkApi network() {
        return network;
    }

    /**
     * API call quotas.
     *
     * @return the group
     */
    public QuotaApi quota() {
        return quota;
    }

    /**
     * Short keys.
     *
     * @return the group
     */
    public ShortKeysApi shortKeys() {
        return shortKeys;
    }

    /**
     * A multipart upload of one file to an endpoint this client does not model, with the access token, errcode
     * handling and retries.
     *
     * @param path the path, e.g. {@code /customservice/kfaccount/uploadheadimg}, or an absolute URL
     * @param query the query parameters (besides the access token)
     * @param fieldName the form field, usually {@code media}
     * @param fileName the file name sent
     * @param content the bytes
     * @param contentType the content type of the file, e.g. {@code image/jpeg}
     * @return the JSON response
     */
    public JsonNode upload(String path, Map<String, String> query, String fieldName, String fileName,
            byte[] content, String contentType) {
        return Multipart.upload(executor, path, query, fieldName, fileName, content, contentType);
    }

    /**
     * A GET to an endpoint this client does not model, with the access token, errcode handling and retries.
     *
     * @param path the path, e.g. {@code /cgi-bin/getcallbackip}, or an absolute URL
     * @param query the query parameters
     * @return the JSON response
     */
    public JsonNode get(String path, Map<String, String> query) {
        return executor.json(ApiExecutor.get(path, query));
    }

    /**
     * A JSON POST to an endpoint this client does not model, with the access token, errcode handling and retries.
     *
     * @param path the path, or an absolute URL
     * @param body the body: a map, a record, a {@link JsonNode}
     * @return the JSON response
     */
    public JsonNode post(String path, Object body) {
        return executor.json(ApiExecutor.post(path, body));
    }

    /**
     * Renews the access token, and the JS-SDK ticket if one is in use, when a token is stored and less than
     * {@code window} is left of it, unless another caller or process is renewing it (the store's lease). Never
     * waits. The background refresher of {@link org.wechatmp.core.WeChatRuntime} calls this.
     *
     * @param window renew when less than this is left
     * @return how many credentials this call fetched (0, 1 or 2)
     */
    public int refreshAhead(Duration window) {
        Objects.requireNonNull(window, "window");
        int n = executor.tokens().refreshAhead(window) ? 1 : 0;
        return n + (jsapiTicket.refreshAhead(window) ? 1 : 0);
    }

    /** The OkHttp client in use (for tests in this package). */
    OkHttpClient httpClient() {
        return http;
    }

    /**
     * Releases what this client owns: when it made its OkHttp client, that client's dispatcher threads, its pooled
     * connections and its cache. An OkHttp client given to {@link Builder#httpClient} is left to its owner. Calls
     * after closing still work but open new connections; close a client when the account is done with.
     */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            Cache cache = http.cache();
            if (cache != null) {
                try {
                    cache.close();
                } catch (java.io.IOException e) {
                    // nothing to release beyond what failed
                }
            }
        }
    }

    @Override
    public String toString() {
        return "WeChatClient[" + name + ", appId=" + appId() + "]";
    }

    /**
     * Builds a {@link WeChatClient}. Only appId and secret are required.
     */
    public static final class Builder {
        private final String appId;
        private final String secret;
        private String name;
        private OkHttpClient http;
        private Duration connectTimeout;
        private Duration readTimeout;
        private WeChatMetrics metrics = WeChatMetrics.NONE;
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private String authorizeBaseUrl = OAuthApi.DEFAULT_AUTHORIZE_BASE;
        private TokenStore tokenStore = SHARED_STORE;
        private TokenSource tokenSource = TokenSource.clientCredential();
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration refreshMargin = Duration.ofMinutes(5);
        private Duration leaseTtl = Duration.ofSeconds(15);

        private Builder(String appId, String secret) {
            this.appId = Objects.requireNonNull(appId, "appId");
            this.secret = Objects.requireNonNull(secret, "secret");
        }

        /**
         * The account name used in logger names; default the appId.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
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
        public Builder httpClient(OkHttpClient http) {
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
        public Builder timeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The connect timeout (default 5 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Where token fetches, API calls and retries are reported; default {@link WeChatMetrics#NONE}.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(WeChatMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * The API base URL; default {@value #DEFAULT_BASE_URL}. Point it at a test double, a proxy or a gateway.
         *
         * @param baseUrl the URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
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
        public Builder authorizeBaseUrl(String url) {
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
        public Builder tokenStore(TokenStore store) {
            this.tokenStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where new tokens come from; default {@link TokenSource#clientCredential()}.
         *
         * @param source the source
         * @return this builder
         */
        public Builder tokenSource(TokenSource source) {
            this.tokenSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The clock for token expiry; default the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The busy-retry policy; default {@link RetryPolicy#defaults()}.
         *
         * @param retry the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * How long before expiry a token is refreshed; default 5 minutes.
         *
         * @param margin the margin
         * @return this builder
         */
        public Builder refreshMargin(Duration margin) {
            this.refreshMargin = Objects.requireNonNull(margin, "margin");
            return this;
        }

        /**
         * How long a refresh lease lasts if its holder dies; default 15 seconds.
         *
         * @param ttl the lease time
         * @return this builder
         */
        public Builder refreshLease(Duration ttl) {
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
    }
}
