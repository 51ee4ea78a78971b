package org.wechatmp.examples.wechatdouble;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A local double of the WeChat API: WireMock on loopback with stub mappings for everything the examples use (token,
 * followers, tags, menus, materials, auto-reply info, customer-service send, OAuth and its authorize page, the JS
 * ticket; subscription notifications, mass sending, customer-service accounts, sessions and records, comments, the
 * data cube (rows generated per requested day, WeChat's span limits enforced), template industry, network check,
 * quota and short keys). Point {@code WECHAT_API_BASE} (and the account's {@code oauth_url}) at it and nothing needs
 * a real account.
 *
 * <p>Run on its own: {@code mvn -q -pl examples/wechat-double exec:java} (port from {@code DOUBLE_PORT}, default
 * 9100). The examples start one in-process when {@code WECHAT_API_BASE} is not set.
 */
public final class WeChatDouble implements AutoCloseable {
    private final WireMockServer server;

    private WeChatDouble(int port) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                .usingFilesUnderClasspath("wechat-double").globalTemplating(false)
                .extensions(new DataCubeAnswers()));
    }

    /**
     * Starts a double.
     *
     * @param port the port, or 0 for any free one
     * @return the running double
     */
    public static WeChatDouble start(int port) {
        WeChatDouble d = new WeChatDouble(port);
        d.server.start();
        return d;
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:9100}.
     *
     * @return the URL
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * Runs the double until killed.
     *
     * @param args unused
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        String p = System.getenv().getOrDefault("DOUBLE_PORT", "9100");
        WeChatDouble d = start(Integer.parseInt(p));
        System.out.println("WeChat API double listening on " + d.baseUrl());
        Thread.currentThread().join();
    }
}
