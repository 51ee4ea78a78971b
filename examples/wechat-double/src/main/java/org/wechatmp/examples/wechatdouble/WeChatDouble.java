package org.wechatmp.examples.wechatdouble;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Objects;

/**
 * A local double of the WeChat API: WireMock on loopback with stub mappings for everything the examples use (token,
 * followers, tags, menus, materials, auto-reply info, customer-service send, OAuth and its authorize page, the JS
 * ticket; subscription notifications, mass sending, customer-service accounts, sessions and records, comments, the
 * data cube (rows generated per requested day, WeChat's span limits enforced), template industry, network check,
 * quota and short keys). Point {@code WECHAT_API_BASE} (and the account's {@code oauth_url}) at it and nothing needs
 * a real account.
 *
 * <p>Run on its own: {@code mvn -q -pl examples/wechat-double exec:java} (port from {@code DOUBLE_PORT}, default
 * 9100; {@code DOUBLE_FOLLOWERS} generated followers). The examples start one in-process when
 * {@code WECHAT_API_BASE} is not set.
 *
 * <p>With {@link Builder#followers(int)}, {@code user/get} and {@code user/info/batchget} serve that many generated
 * followers (pages of {@link Builder#pageSize(int)} openids, profiles for any 100 asked), and
 * {@link #failPage(int, int)} makes the profiles of one listing page answer an errcode once (to show a failed sync
 * being resumed).
 */
public final class WeChatDouble implements AutoCloseable {
    private final WireMockServer server;
    private final Followers followers;
    private final FollowerBook book = new FollowerBook();

    private WeChatDouble(Builder b) {
        followers = b.followers < 0 ? null : new Followers(b.followers, b.pageSize, b.profileDelay);
        var opts = options().bindAddress("127.0.0.1").port(b.port).usingFilesUnderClasspath("wechat-double")
                .globalTemplating(false);
        java.util.List<com.github.tomakehurst.wiremock.extension.Extension> extensions = new java.util.ArrayList<>();
        extensions.add(new DataCubeAnswers());
        if (followers != null) {
            extensions.add(followers);
            followers.book(book);
            extensions.add(new FollowerAnswers(book, followers));
        }
        opts.extensions(extensions.toArray(new com.github.tomakehurst.wiremock.extension.Extension[0]));
        server = new WireMockServer(opts);
    }

    /**
     * Starts a double with the shipped stubs only.
     *
     * @param port the port, or 0 for any free one
     * @return the running double
     */
    public static WeChatDouble start(int port) {
        return builder().port(port).start();
    }

    /**
     * Starts building a double.
     *
     * @return a builder (port 0, the shipped two followers)
     */
    public static Builder builder() {
        return new Builder();
    }

    private WeChatDouble begin() {
        server.start();
        if (followers != null) {
            server.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).atPriority(1)
                    .willReturn(aResponse().withTransformers(Followers.NAME)));
            server.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(1)
                    .willReturn(aResponse().withTransformers(Followers.NAME)));
            // tags, remarks, the blacklist and avatars answered statefully (FollowerAnswers)
            book.avatarBase(baseUrl());
            for (String path : FollowerAnswers.POSTS) {
                server.stubFor(post(urlPathEqualTo(path)).atPriority(1)
                        .willReturn(aResponse().withTransformers(FollowerAnswers.NAME)));
            }
            for (String path : FollowerAnswers.GETS) {
                server.stubFor(get(urlPathEqualTo(path)).atPriority(1)
                        .willReturn(aResponse().withTransformers(FollowerAnswers.NAME)));
            }
            server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/mmopen/.*"))
                    .atPriority(1).willReturn(aResponse().withTransformers(FollowerAnswers.NAME)));
        }
        return this;
    }

    /**
     * Changes how many followers there are (needs {@link Builder#followers(int)}).
     *
     * @param count the new count
     */
    public void followers(int count) {
        generated().count(count);
    }

    /**
     * Makes the next profile request of a listing page answer an errcode instead (once), e.g. 45009 (quota).
     * Needs {@link Builder#followers(int)}.
     *
     * @param page the listing page, from 1
     * @param errcode the errcode to answer
     */
    public void failPage(int page, int errcode) {
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1");
        }
        generated().failPage(page, errcode);
    }

    /**
     * Delays every profile answer (so that a sync's progress can be watched).
     *
     * @param delay the delay, zero for none
     */
    public void profileDelay(Duration delay) {
        generated().profileDelay(delay);
    }

    /**
     * Makes the next call to a follower path (tags, blacklist, remark, user info; e.g.
     * {@code /cgi-bin/tags/create}) answer an errcode once. Needs {@link Builder#followers(int)}.
     *
     * @param path the URL path
     * @param errcode the errcode to answer
     */
    public void failNext(String path, int errcode) {
        generated();
        book.failNext(path, errcode);
    }

    /**
     * Sets a generated follower's avatar URL (as {@code headimgurl}), e.g. on a foreign host. Needs
     * {@link Builder#followers(int)}.
     *
     * @param openid the follower
     * @param url the URL
     */
    public void avatar(String openid, String url) {
        generated();
        book.avatar(openid, url);
    }

    /**
     * The blacklist the double holds now (after batchblacklist / batchunblacklist).
     *
     * @return the openids
     */
    public java.util.List<String> blacklisted() {
        return book.blacklist();
    }

    /**
     * The openid of the generated follower {@code i} (from 0).
     *
     * @param i the index
     * @return the openid
     */
    public static String openid(int i) {
        return Followers.openid(i);
    }

    private Followers generated() {
        if (followers == null) {
            throw new IllegalStateException("this double serves the shipped followers; build it with followers(n)");
        }
        return followers;
    }

    /**
     * How many requests the double received for a path (e.g. {@code /cgi-bin/user/info/batchget}).
     *
     * @param path the URL path
     * @return the count
     */
    public int requests(String path) {
        return (int) server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().split("\\?")[0]
                .equals(path)).count();
    }

    /**
     * The bodies the double received for a path, oldest first (e.g. what {@code /cgi-bin/user/info/updateremark} was
     * sent).
     *
     * @param path the URL path
     * @return the request bodies as UTF-8 text
     */
    public java.util.List<String> requestBodies(String path) {
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (var e : server.getAllServeEvents()) {
            if (e.getRequest().getUrl().split("\\?")[0].equals(path)) {
                bodies.add(e.getRequest().getBodyAsString());
            }
        }
        java.util.Collections.reverse(bodies);
        return bodies;
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
        String n = System.getenv("DOUBLE_FOLLOWERS");
        Builder b = builder().port(Integer.parseInt(p));
        if (n != null && !n.isBlank()) {
            b.followers(Integer.parseInt(n.trim()));
        }
        WeChatDouble d = b.start();
        System.out.println("WeChat API double listening on " + d.baseUrl());
        Thread.currentThread().join();
    }

    /** Builds a {@link WeChatDouble}. */
    public static final class Builder {
        private int port;
        private int followers = -1;
        private int pageSize = 10_000;
        private Duration profileDelay = Duration.ZERO;

        private Builder() {
        }

        /**
         * The port.
         *
         * @param port the port, 0 (default) for any free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Serves this many generated followers instead of the shipped two.
         *
         * @param count the follower count
         * @return this builder
         */
        public Builder followers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("followers must be >= 0");
            }
            this.followers = count;
            return this;
        }

        /**
         * How many openids one {@code user/get} page holds (WeChat: 10,000, the default).
         *
         * @param size 1 to 10,000
         * @return this builder
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("a listing page holds 1-10000 openids");
            }
            this.pageSize = size;
            return this;
        }

        /**
         * Delays every profile answer.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder profileDelay(Duration delay) {
            this.profileDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Starts the double.
         *
         * @return the running double
         */
        public WeChatDouble start() {
            return new WeChatDouble(this).begin();
        }
    }
}
