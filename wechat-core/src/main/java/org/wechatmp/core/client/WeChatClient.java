package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The WeChat Official Account API for one account: immutable, thread-safe, built once by a
 * {@link WeChatClientBuilder} and shared.
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
 * {@link WeChatClientBuilder#httpClient} leaves that client alone (its owner closes it).
 */
public final class WeChatClient implements AutoCloseable {
    /** The production API host. */
    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";

    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default read timeout. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

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

    WeChatClient(WeChatClientBuilder b) {
        this.name = b.clientName();
        this.clock = b.clock;
        this.http = b.okHttp();
        this.ownsHttp = b.ownsHttp();
        this.executor = new ApiExecutor(http, b.baseUrl, name, b.appId, b.secret, b.retry, b.metrics);
        TokenSource source = b.tokenSource;
        TokenSource.Context ctx = executor.tokenContext();
        executor.tokens(b.credential("access_token", () -> source.fetch(ctx)));
        this.jsapiTicket = b.credential("jsapi_ticket", () -> JsApi.fetchTicket(executor, "jsapi"));
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
    public static WeChatClientBuilder builder(String appId, String secret) {
        return new WeChatClientBuilder(appId, secret);
    }

    /**
     * Starts a builder for an account: its appId, secret and name, and the options {@code api_base} (base URL),
     * {@code oauth_url} (authorize page host) and {@code token_url} (a central token service).
     *
     * @param account the account
     * @return the builder
     */
    public static WeChatClientBuilder builder(org.wechatmp.core.Account account) {
        return WeChatClientBuilder.of(account);
    }

    /** @return the account's appId */
    public String appId() {
        return executor.appId();
    }

    /** @return the name used in logger names ({@code wechat.api.req.{name}}); the appId unless set */
    public String name() {
        return name;
    }

    /** @return the current access token, refreshed first if needed. Most code never needs it */
    public String accessToken() {
        return executor.tokens().token();
    }

    /** @return followers: info, batch info, the follower list, remarks, the blacklist */
    public UsersApi users() {
        return users;
    }

    /** @return tags and their members */
    public TagsApi tags() {
        return tags;
    }

    /** @return the custom menu, conditional menus and the current self-menu info */
    public MenusApi menus() {
        return menus;
    }

    /** @return permanent materials */
    public MaterialsApi materials() {
        return materials;
    }

    /** @return temporary media */
    public MediaApi media() {
        return media;
    }

    /** @return drafts (the current way to create articles) */
    public DraftsApi drafts() {
        return drafts;
    }

    /** @return free publishing of drafts */
    public FreePublishApi freePublish() {
        return freePublish;
    }

    /** @return the auto-reply settings made in the WeChat console */
    public AutoReplyApi autoReplies() {
        return autoReplies;
    }

    /** @return customer-service messages and typing state */
    public MessagesApi messages() {
        return messages;
    }

    /** @return template messages */
    public TemplatesApi templates() {
        return templates;
    }

    /** @return parametric QR codes */
    public QrCodesApi qrCodes() {
        return qrCodes;
    }

    /** @return web authorization (OAuth 2.0) */
    public OAuthApi oauth() {
        return oauth;
    }

    /** @return the JS-SDK ticket and page signatures */
    public JsApi jsapi() {
        return jsapi;
    }

    /** @return subscription notifications (订阅通知): template library, private templates, sending */
    public SubscribeMessagesApi subscribeMessages() {
        return subscribeMessages;
    }

    /** @return mass sending (群发): to all, to a tag, to openids; preview, status, delete, speed */
    public MassSendApi massSend() {
        return massSend;
    }

    /** @return customer-service accounts, sessions and chat records */
    public CustomerServiceApi customerService() {
        return customerService;
    }

    /** @return comments on published articles */
    public CommentsApi comments() {
        return comments;
    }

    /** @return statistics by date range, split to WeChat's per-call limits */
    public DataCubeApi dataCube() {
        return dataCube;
    }

    /** @return weChat's callback and API addresses, and the callback network check */
    public NetworkApi network() {
        return network;
    }

    /** @return aPI call quotas */
    public QuotaApi quota() {
        return quota;
    }

    /** @return short keys */
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
     * connections and its cache. An OkHttp client given to {@link WeChatClientBuilder#httpClient} is left to its
     * owner. Calls after closing still work but open new connections; close a client when the account is done with.
     */
    @Override
    public void close() {
        if (ownsHttp) {
            WeChatClientBuilder.release(http);
        }
    }

    @Override
    public String toString() {
        return "WeChatClient[" + name + ", appId=" + appId() + "]";
    }
}
