package org.wechatmp.admin.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.MediaDownload;
import org.wechatmp.core.web.MaterialFetch;
import org.wechatmp.core.web.WebAnswer;

/**
 * Streams what WeChat holds through the admin's own URLs, so the browser never loads WeChat's hot-link-protected
 * files: a permanent material by the core rules of {@link MaterialFetch} (a video's download URL is fetched here too,
 * not redirected to), and an article image by URL, only from WeChat's image hosts or the account's API base (the
 * double), never following redirects, sending no Referer.
 */
final class MaterialStream {
    private static final Logger LOG = LoggerFactory.getLogger(MaterialStream.class);
    private static final long MAX_REMOTE = 20L << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private MaterialStream() {
    }

    /** {@code GET /a/{a}/materials/{mediaId}/raw}: the material's bytes. */
    static void material(Ctx c, Account a, String mediaId) throws IOException {
        MaterialFetch result = MaterialFetch.fetch(c.s.runtime().client(a), a.name(), mediaId);
        if (result instanceof MaterialFetch.Refused r) {
            write(c, r.answer());
        } else if (result instanceof MaterialFetch.Redirect r) {
            remote(c, a, r.url());
        } else if (result instanceof MaterialFetch.File f) {
            try (MediaDownload media = f.media(); InputStream in = media.body()) {
                send(c, media.contentType(), in, a.name() + "/" + mediaId);
            }
        }
    }

    /** Whether a URL is on a host the proxy fetches from: WeChat's image and video hosts, or the account's API base. */
    static boolean allowed(Account a, String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = u.getHost();
        if (host == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getUserInfo() != null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("qpic.cn") || host.endsWith(".qpic.cn") || host.endsWith(".qlogo.cn")
                || host.endsWith(".qq.com")) {
            return true;
        }
        String base = a.options().get("api_base");
        if (base != null) {
            try {
                URI b = URI.create(base);
                return host.equalsIgnoreCase(b.getHost()) && u.getPort() == b.getPort()
                        && u.getScheme().equals(b.getScheme());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    /** Fetches an allowed URL and streams it (images, audio and video only); anything else is 404. */
    static void remote(Ctx c, Account a, String url) throws IOException {
        if (!allowed(a, url)) {
            write(c, WebAnswer.text(404, "not found"));
            return;
        }
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.info("fetching a remote file of {} failed: {}", a.name(), e.toString());
            write(c, WebAnswer.text(502, "unavailable"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            write(c, WebAnswer.text(502, "unavailable"));
            return;
        }
        try (InputStream in = r.body()) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200 || !media(type)) {
                write(c, WebAnswer.text(r.statusCode() == 200 ? 404 : 502, "unavailable"));
                return;
            }
            send(c, type, in, a.name() + " remote file");
        }
    }

    private static boolean media(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("image/") && !t.startsWith("image/svg") || t.startsWith("audio/") || t.startsWith("video/");
    }

    private static void send(Ctx c, String type, InputStream in, String what) throws IOException {
        c.resp.setStatus(200);
        c.resp.setContentType(media(type == null ? "" : type) ? type : "application/octet-stream");
        c.resp.setHeader("Cache-Control", "private, max-age=3600");
        c.resp.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        long sent = 0;
        byte[] buf = new byte[16 * 1024];
        OutputStream out = c.resp.getOutputStream();
        int n;
        while ((n = in.read(buf)) > 0) {
            sent += n;
            if (sent > MAX_REMOTE) {
                LOG.info("{} is over {} bytes; cut off", what, MAX_REMOTE);
                break;
            }
            out.write(buf, 0, n);
        }
    }

    private static void write(Ctx c, WebAnswer answer) throws IOException {
        c.resp.setStatus(answer.status());
        c.resp.setContentType(answer.contentType());
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.getOutputStream().write(answer.bytes());
    }
}
