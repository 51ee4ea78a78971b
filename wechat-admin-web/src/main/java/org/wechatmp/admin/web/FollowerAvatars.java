package org.wechatmp.admin.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.spi.WeChatUser;

/**
 * {@code /a/{a}/followers/{openid}/avatar}: the follower's stored avatar fetched server-side (WeChat refuses
 * hot-linked images), never an open proxy. The URL comes from the stored profile only, never from the request, and
 * must be on one of WeChat's image hosts ({@code *.qlogo.cn}, {@code *.qpic.cn}) or on the host and port of the
 * account's configured {@code api_base} (the local double); redirects are not followed; the answer must be an
 * image of at most {@value #MAX_BYTES} bytes within {@value #TIMEOUT_SECONDS} seconds. The browser may keep it a
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
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .header("Accept", "image/*").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debug("avatar of {} not fetched: {}", openid, e.toString());
            throw new HttpError(502, "followers.avatar.failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(502, "followers.avatar.failed");
        }
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        byte[] body;
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200 || !TYPES.contains(type)) {
                throw new HttpError(502, "followers.avatar.failed");
            }
            body = readUpTo(in, MAX_BYTES);
        }
        if (body == null) {
            throw new HttpError(502, "followers.avatar.failed");
        }
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
    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                return null;
            }
        }
        return out.toByteArray();
    }
}
