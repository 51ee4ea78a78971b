package org.wechatmp.admin.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.spi.WeChatUser;

/**
 * {@code /a/{a}/followers/{openid}/avatar}: the follower's stored avatar fetched server-side (WeChat refuses
 * hot-linked images), never an open proxy. The URL comes from the stored profile only, never from the request, and
 * must be on one of WeChat's image hosts ({@code *.qlogo.cn}, {@code *.qpic.cn}) or on the host and port of the
 * account's configured {@code api_base} (the local double); redirects are not followed; the answer must be an
 * image of at most {@value #MAX_BYTES} bytes, headers and body within {@value #TIMEOUT_SECONDS} seconds. The browser may keep it a
 * day.
 */
final class FollowerAvatars {
    static final int MAX_BYTES = 512 * 1024;
    static final int TIMEOUT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(FollowerAvatars.class);
    private static final Set<String> WECHAT_DOMAINS = Set.of("qlogo.cn", "qpic.cn");
    private static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    void serve(Ctx c, Account account, String openid) throws IOException {
        WeChatUser u = c.s.storage().users().find(account.name(), openid).orElseThrow(HttpError::notFound);
        if (u.avatar() == null || u.avatar().isBlank()) {
            throw HttpError.notFound();
        }
        URI uri;
        try {
            uri = URI.create(u.avatar().trim());
        } catch (IllegalArgumentException e) {
            throw new HttpError(403, "followers.avatar.refused");
        }
        if (!allowed(uri, account.options().get("api_base"))) {
            throw new HttpError(403, "followers.avatar.refused");
        }
        Fetched got = fetch(http, uri, Duration.ofSeconds(TIMEOUT_SECONDS), MAX_BYTES);
        if (got == null) {
            LOG.debug("avatar of {} not fetched", openid);
            throw new HttpError(502, "followers.avatar.failed");
        }
        String type = got.type();
        byte[] body = got.body();
        c.resp.setStatus(200);
        c.resp.setContentType(type);
        c.resp.setHeader("Cache-Control", "private, max-age=86400");
        c.resp.setHeader("X-Content-Type-Options", "nosniff");
        c.resp.setContentLength(body.length);
        c.resp.getOutputStream().write(body);
    }

    /**
     * Whether an avatar URL may be fetched: http(s) on a WeChat image host, or the api_base's host and port.
     *
     * @param uri the stored URL
     * @param apiBase the account's {@code api_base}, or {@code null}
     * @return whether allowed
     */
    static boolean allowed(URI uri, String apiBase) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme)) || host.isEmpty() || uri.getUserInfo() != null) {
            return false;
        }
        for (String d : WECHAT_DOMAINS) {
            if (host.endsWith("." + d) && uri.getPort() == -1) {
                return true;
            }
        }
        if (apiBase == null || apiBase.isBlank()) {
            return false;
        }
        try {
            URI base = URI.create(apiBase);
            return base.getHost() != null && host.equals(base.getHost().toLowerCase(Locale.ROOT))
                    && port(uri) == port(base) && scheme.equalsIgnoreCase(base.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The stream's bytes, or {@code null} when it holds more than {@code max}. */
    /** An image fetched: its media type and bytes. */
    record Fetched(String type, byte[] body) {
    }

    /**
     * Fetches an image within one deadline for the whole exchange, headers and body (a server that sends its headers
     * and then drips the body is cut off at the deadline, not after the socket's idle timeout), keeping at most
     * {@code max} bytes.
     *
     * @return the image, or {@code null}: not 200, not an image type, too big, too slow or failed
     */
    static Fetched fetch(HttpClient http, URI uri, Duration deadline, int max) {
        Capped capped = new Capped(max);
        String[] type = {""};
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(HttpRequest.newBuilder(uri).timeout(deadline)
                .header("Accept", "image/*").GET().build(), info -> {
                    type[0] = info.headers().firstValue("Content-Type").orElse("").split(";")[0].trim()
                            .toLowerCase(Locale.ROOT);
                    return info.statusCode() == 200 && TYPES.contains(type[0]) ? capped
                            : HttpResponse.BodySubscribers.replacing(null);
                });
        try {
            HttpResponse<byte[]> r = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return r.body() == null ? null : new Fetched(type[0], r.body());
        } catch (TimeoutException e) {
            capped.cancel();
            call.cancel(true);
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capped.cancel();
            return null;
        }
    }

    /** Collects a body up to a size; past it the subscription is cancelled and the body is {@code null}. */
    static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.write(a, 0, a.length);
            }
            if (out.size() > max) {
                cancel();
                result.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
