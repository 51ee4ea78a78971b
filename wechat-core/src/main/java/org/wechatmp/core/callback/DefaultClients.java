package org.wechatmp.core.callback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;

/**
 * The clients of a {@link WeChatCallback} built without {@link WeChatCallback.Builder#clients}: one cached client per
 * account ({@code api_base} and the other account options honoured, rebuilt when the account changes), all on one
 * OkHttp client that this object owns, so {@link #close()} releases every connection and thread they used.
 */
final class DefaultClients implements Function<Account, WeChatClient>, AutoCloseable {
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(WeChatClient.DEFAULT_CONNECT_TIMEOUT).readTimeout(WeChatClient.DEFAULT_READ_TIMEOUT)
            .writeTimeout(Duration.ofSeconds(30)).build();
    private final Cache<String, Map.Entry<Account, WeChatClient>> cache = Caffeine.newBuilder().maximumSize(10_000)
            .build();

    @Override
    public WeChatClient apply(Account account) {
        return cache.asMap().compute(account.name(), (k, old) -> old != null && old.getKey().equals(account) ? old
                : Map.entry(account, WeChatClient.builder(account).httpClient(http).build())).getValue();
    }

    /** The OkHttp client every client here uses (for tests). */
    OkHttpClient http() {
        return http;
    }

    /** Shuts the shared dispatcher down and evicts the pooled connections; the clients are not usable after. */
    @Override
    public void close() {
        cache.invalidateAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
