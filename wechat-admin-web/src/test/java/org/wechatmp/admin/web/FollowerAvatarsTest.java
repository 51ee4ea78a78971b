package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which avatar URLs the proxy fetches: WeChat's image hosts and the account's api_base host and port only. */
class FollowerAvatarsTest {
    @Test
    void onlyWeChatImageHostsAndTheApiBaseAreFetched() {
        assertThat(FollowerAvatars.allowed(URI.create("https://thirdwx.qlogo.cn/mmopen/vi_32/x/132"), null)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("http://wx.qlogo.cn/mmopen/x/0"), null)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("https://mmbiz.qpic.cn/x.png"), null)).isTrue();
        String base = "http://127.0.0.1:9100";
        assertThat(FollowerAvatars.allowed(URI.create("http://127.0.0.1:9100/mmopen/x/132"), base)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("http://127.0.0.1:9101/mmopen/x/132"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("https://127.0.0.1:9100/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://evil.example/qlogo.cn/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://qlogo.cn.evil.example/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://x.qlogo.cn:8080/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://user@x.qlogo.cn/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("file:///etc/passwd"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://169.254.169.254/latest"), null)).isFalse();
    }

    @Test
    void aBodyThatDripsIsCutOffAtTheDeadlineAndOnlyImagesOfBoundedSizeComeBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/ok", x -> {
            x.getResponseHeaders().set("Content-Type", "image/png");
            x.sendResponseHeaders(200, 100);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[100]);
            }
        });
        server.createContext("/drip", x -> {
            x.getResponseHeaders().set("Content-Type", "image/png");
            x.sendResponseHeaders(200, 1_000);
            OutputStream out = x.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            try {
                release.await(30, TimeUnit.SECONDS); // the rest never comes while the client waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.createContext("/big", x -> {
            x.getResponseHeaders().set("Content-Type", "image/jpeg");
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[3_000]);
            }
        });
        server.createContext("/page", x -> {
            x.getResponseHeaders().set("Content-Type", "text/html");
            x.sendResponseHeaders(200, 4);
            try (OutputStream out = x.getResponseBody()) {
                out.write("<p/>".getBytes());
            }
        });
        server.start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            FollowerAvatars.Fetched ok = FollowerAvatars.fetch(http, URI.create(base + "/ok"), Duration.ofSeconds(5),
                    2_000);
            assertThat(ok.type()).isEqualTo("image/png");
            assertThat(ok.body()).hasSize(100);
            long start = System.nanoTime();
            assertThat(FollowerAvatars.fetch(http, URI.create(base + "/drip"), Duration.ofMillis(500), 2_000))
                    .isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(FollowerAvatars.fetch(http, URI.create(base + "/big"), Duration.ofSeconds(5), 2_000)).isNull();
            assertThat(FollowerAvatars.fetch(http, URI.create(base + "/page"), Duration.ofSeconds(5), 2_000))
                    .isNull();
            assertThat(FollowerAvatars.fetch(http, URI.create(base + "/missing"), Duration.ofSeconds(5), 2_000))
                    .isNull();
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
