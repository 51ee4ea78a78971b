package org.wechatmp.admin.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.wechatmp.core.Account;

/**
 * Fetches a QR code's image from WeChat's {@code showqrcode?ticket=} on the server (the browser never loads WeChat's
 * host: no hot-linking, no referrer leak), at most 1 MiB, and keeps the last 256 in memory (a ticket's image never
 * changes). The host is {@code https://mp.weixin.qq.com}; an account's {@code mp_base} option overrides it, and a demo
 * account (the double) uses its {@code api_base}.
 */
final class QrImages {
    static final String SHOW_HOST = "https://mp.weixin.qq.com";
    private static final int MAX_BYTES = 1 << 20;
    private static final int CACHED = 256;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, byte[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    });

    static String showUrl(Account account, String ticket) {
        String base = account.option("mp_base");
        if (base == null || base.isBlank()) {
            base = "true".equals(account.option("demo")) && account.option("api_base") != null
                    ? account.option("api_base") : SHOW_HOST;
        }
        return base.replaceAll("/+$", "") + "/cgi-bin/showqrcode?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
    }

    /**
     * The PNG (or JPEG) of a ticket.
     *
     * @param account the account
     * @param ticket the ticket
     * @return the image, or empty when WeChat has none (unknown or expired ticket)
     * @throws IOException when WeChat cannot be reached
     */
    Optional<Image> fetch(Account account, String ticket) throws IOException {
        String key = account.name() + "\n" + ticket;
        byte[] cached = cache.get(key);
        if (cached != null) {
            return Optional.of(new Image(type(cached), cached));
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(showUrl(account, ticket))).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = r.body()) {
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200 || !ct.startsWith("image/")) {
                return Optional.empty();
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES || type(body) == null) {
                return Optional.empty();
            }
            cache.put(key, body);
            return Optional.of(new Image(type(body), body));
        }
    }

    /** The media type from the first bytes: PNG or JPEG only, {@code null} otherwise. */
    private static String type(byte[] b) {
        if (b.length > 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        return null;
    }

    /**
     * An image.
     *
     * @param contentType its media type
     * @param bytes its bytes
     */
    record Image(String contentType, byte[] bytes) {
    }
}
