package org.wechatmp.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatHttpException;
import org.wechatmp.core.metrics.WeChatMetrics;

/**
 * Sends API calls: builds the URL, adds the access token, maps HTTP and errcode failures to the exception family,
 * applies the token and busy retry rules, and logs with secrets masked.
 */
final class ApiExecutor {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");

    private static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);
    private static final Set<Integer> BUSY_ERRORS = Set.of(-1, 45011);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String appId;
    private final String secret;
    private final RetryPolicy retry;
    private final Logger reqLog;
    private final Logger respLog;
    private final Logger excLog;
    private final String name;
    private final WeChatMetrics metrics;
    private TokenManager tokens;

    ApiExecutor(OkHttpClient http, HttpUrl baseUrl, String name, String appId, String secret, RetryPolicy retry) {
        this(http, baseUrl, name, appId, secret, retry, WeChatMetrics.NONE);
    }

    ApiExecutor(OkHttpClient http, HttpUrl baseUrl, String name, String appId, String secret, RetryPolicy retry,
            WeChatMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
        this.http = http;
        this.baseUrl = baseUrl;
        this.appId = appId;
        this.secret = secret;
        this.retry = retry;
        this.reqLog = LoggerFactory.getLogger("wechat.api.req." + name);
        this.respLog = LoggerFactory.getLogger("wechat.api.resp." + name);
        this.excLog = LoggerFactory.getLogger("wechat.api.excs." + name);
    }

    void tokens(TokenManager tokens) {
        this.tokens = tokens;
    }

    TokenManager tokens() {
        return tokens;
    }

    OkHttpClient http() {
        return http;
    }

    String appId() {
        return appId;
    }

    /** A call: method, path or absolute URL, query, body, whether it carries the access token. */
    static final class Call {
        final String method;
        final String path;
        final Map<String, String> query;
        final RequestBody body;
        final String bodyForLog;
        boolean withToken = true;
        Set<Integer> acceptedErrcodes = Set.of();

        Call(String method, String path, Map<String, String> query, RequestBody body, String bodyForLog) {
            this.method = method;
            this.path = path;
            this.query = query == null ? Map.of() : query;
            this.body = body;
            this.bodyForLog = bodyForLog;
        }

        Call noToken() {
            this.withToken = false;
            return this;
        }

        Call accept(Integer... errcodes) {
            this.acceptedErrcodes = Set.of(errcodes);
            return this;
        }
    }

    static Call get(String path, Map<String, String> query) {
        return new Call("GET", path, query, null, null);
    }

    static Call post(String path, Map<String, String> query, Object body) {
        byte[] bytes = toJson(body);
        return new Call("POST", path, query, RequestBody.create(bytes, JSON_UTF8),
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    static Call post(String path, Object body) {
        return post(path, null, body);
    }

    static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body == null ? Map.of() : body);
        } catch (JsonProcessingException e) {
            throw new WeChatException("cannot serialize request body: " + e.getOriginalMessage(), e);
        }
    }

    /** Executes a call and returns its JSON, with token and busy retries. */
    JsonNode json(Call call) {
        return execute(call, false).json;
    }

    /** Executes a call whose success is a binary body; a JSON body is read as a JSON result. */
    Outcome stream(Call call) {
        return execute(call, true);
    }

    /** The result of a call: JSON, or a binary body when streaming. */
    static final class Outcome {
        final JsonNode json;
        final MediaDownload media;

        Outcome(JsonNode json, MediaDownload media) {
            this.json = json;
            this.media = media;
        }
    }

    private Outcome execute(Call call, boolean streaming) {
        String endpoint = endpoint(call.path);
        String group = group(endpoint);
        boolean tokenRetried = false;
        int busyRetries = 0;
        long waited = 0;
        while (true) {
            String token = call.withToken ? tokens.token() : null;
            long start = System.nanoTime();
            Outcome outcome;
            int errcode;
            try {
                outcome = send(call, token, endpoint, streaming);
                errcode = outcome.media != null ? 0 : errcode(outcome.json, endpoint);
            } catch (WeChatHttpException e) {
                metrics.apiFailure(name, group, e.isTimeout());
                throw e;
            }
            metrics.apiCall(name, group, errcode, Duration.ofNanos(System.nanoTime() - start));
            if (outcome.media != null) {
                return outcome;
            }
            JsonNode json = outcome.json;
            if (errcode == 0 || call.acceptedErrcodes.contains(errcode)) {
                return outcome;
            }
            String errmsg = json.path("errmsg").asText(Integer.toString(errcode));
            if (call.withToken && TOKEN_ERRORS.contains(errcode) && !tokenRetried) {
                tokenRetried = true;
                tokens.invalidate(token);
                metrics.apiRetry(name, group, "token");
                excLog.info("{} answered {} ({}); dropped that token, refreshing and retrying once", endpoint,
                        errcode, errmsg);
                continue;
            }
            if (BUSY_ERRORS.contains(errcode) && busyRetries < retry.maxRetries()) {
                long delay = retry.delayMillis(busyRetries);
                if (waited + delay <= retry.maxTotal().toMillis()) {
                    busyRetries++;
                    waited += delay;
                    metrics.apiRetry(name, group, "busy");
                    excLog.info("{} busy ({}); retry {} in {} ms", endpoint, errcode, busyRetries, delay);
                    pause(delay);
                    continue;
                }
            }
            WeChatApiException e = new WeChatApiException(errcode, errmsg, endpoint);
            excLog.warn("{}", e.getMessage());
            throw e;
        }
    }

    private Outcome send(Call call, String token, String endpoint, boolean streaming) {
        HttpUrl url = url(call.path, call.query, token);
        Request request = new Request.Builder().url(url).method(call.method, call.body).build();
        if (reqLog.isDebugEnabled()) {
            reqLog.debug("{} {}{}", call.method, Masking.url(url.toString()),
                    call.bodyForLog == null ? "" : " " + Masking.json(call.bodyForLog));
        }
        Response response;
        try {
            response = http.newCall(request).execute();
        } catch (InterruptedIOException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " timed out", endpoint, 0, true, e));
        } catch (IOException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " could not be reached: "
                    + e.getClass().getSimpleName(), endpoint, 0, false, e));
        }
        boolean keepOpen = false;
        try {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                throw logged(new WeChatHttpException("WeChat API " + endpoint + " answered HTTP " + response.code(),
                        endpoint, response.code(), false, null));
            }
            String contentType = response.header("Content-Type", "");
            if (streaming && !isTextual(contentType)) {
                keepOpen = true;
                respLog.debug("{} {} {} ({} bytes)", endpoint, response.code(), contentType, body.contentLength());
                return new Outcome(null, new MediaDownload(contentType.isEmpty() ? "application/octet-stream"
                        : contentType, body.contentLength(), fileName(response), body.byteStream()));
            }
            String text = body.string();
            if (respLog.isDebugEnabled()) {
                respLog.debug("{} {} {}", endpoint, response.code(), Masking.json(text));
            }
            return new Outcome(parse(text, endpoint), null);
        } catch (InterruptedIOException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " timed out", endpoint, 0, true, e));
        } catch (IOException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " failed while reading: "
                    + e.getClass().getSimpleName(), endpoint, response.code(), false, e));
        } finally {
            if (!keepOpen) {
                response.close();
            }
        }
    }

    private WeChatHttpException logged(WeChatHttpException e) {
        excLog.warn("{}", e.getMessage());
        return e;
    }

    private JsonNode parse(String text, String endpoint) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " answered a body that is not JSON",
                    endpoint, 200, false, null));
        }
        if (json == null || json.getNodeType() != JsonNodeType.OBJECT) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " answered a body that is not a JSON "
                    + "object", endpoint, 200, false, null));
        }
        JsonNode baseResp = json.get("base_resp");
        if (baseResp != null && baseResp.isObject()) {
            ObjectNode merged = ((ObjectNode) json).deepCopy();
            merged.remove("base_resp");
            for (Iterator<Map.Entry<String, JsonNode>> it = baseResp.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                merged.set(e.getKey(), e.getValue());
            }
            return merged;
        }
        return json;
    }

    private int errcode(JsonNode json, String endpoint) {
        JsonNode code = json.get("errcode");
        if (code == null || code.isNull()) {
            return 0;
        }
        if (code.isNumber()) {
            return code.asInt();
        }
        try {
            return Integer.parseInt(code.asText().trim());
        } catch (NumberFormatException e) {
            throw logged(new WeChatHttpException("WeChat API " + endpoint + " answered a non-numeric errcode",
                    endpoint, 200, false, null));
        }
    }

    HttpUrl url(String path, Map<String, String> query, String token) {
        HttpUrl base = path.startsWith("http://") || path.startsWith("https://") ? HttpUrl.get(path)
                : baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (base == null) {
            throw new WeChatException("invalid API path: " + path);
        }
        HttpUrl.Builder b = base.newBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            b.addQueryParameter(e.getKey(), e.getValue());
        }
        if (token != null) {
            b.addQueryParameter("access_token", token);
        }
        return b.build();
    }

    private String endpoint(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            HttpUrl u = HttpUrl.parse(path);
            return u == null ? "?" : u.encodedPath();
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The API group of an endpoint: the first segment after {@code /cgi-bin/}, else the first segment. */
    static String group(String endpoint) {
        String p = endpoint.startsWith("/cgi-bin/") ? endpoint.substring(9)
                : endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
        int slash = p.indexOf('/');
        String g = slash < 0 ? p : p.substring(0, slash);
        return g.isEmpty() ? "other" : g;
    }

    private static boolean isTextual(String contentType) {
        String ct = contentType.toLowerCase(java.util.Locale.ROOT);
        return ct.contains("json") || ct.startsWith("text/");
    }

    private static String fileName(Response response) {
        String cd = response.header("Content-Disposition", "");
        int i = cd.indexOf("filename=");
        if (i < 0) {
            return "";
        }
        return cd.substring(i + 9).replace("\"", "").trim();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatException("interrupted while retrying a busy WeChat API", e);
        }
    }

    <T> T convert(JsonNode json, Class<T> type) {
        try {
            return JSON.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new WeChatHttpException("WeChat API answered an unexpected shape for " + type.getSimpleName(),
                    "?", 200, false, e);
        }
    }

    /** The context given to token sources: calls without access token, errcodes raised. */
    TokenSource.Context tokenContext() {
        return new TokenSource.Context() {
            @Override
            public String appId() {
                return appId;
            }

            @Override
            public String secret() {
                return secret;
            }

            @Override
            public JsonNode get(String pathOrUrl, Map<String, String> query) {
                return json(ApiExecutor.get(pathOrUrl, query).noToken());
            }

            @Override
            public JsonNode post(String pathOrUrl, Object body) {
                return json(ApiExecutor.post(pathOrUrl, body).noToken());
            }
        };
    }
}
