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
 * <p>Run on its own: {@code mvn -B -f examples/wechat-double exec:java} (port from {@code DOUBLE_PORT}, default
 * 9100; address from {@code DOUBLE_HOST}, default {@code 127.0.0.1}, e.g. {@code 0.0.0.0} or the machine's LAN
 * address so that a browser on another machine can reach its authorize page; {@code DOUBLE_FOLLOWERS} generated
 * followers). The examples start one in-process when {@code WECHAT_API_BASE} is not set.
 *
 * <p>With {@link Builder#followers(int)}, {@code user/get} and {@code user/info/batchget} serve that many generated
 * followers (pages of {@link Builder#pageSize(int)} openids, profiles for any 100 asked), and
 * {@link #failPage(int, int)} makes the profiles of one listing page answer an errcode once (to show a failed sync
 * being resumed).
 *
 * <p>QR codes are stateful: {@code qrcode/create} remembers each ticket it makes (temporary codes capped at 30 days,
 * errcode 40053 for a bad action or scene) and {@code showqrcode?ticket=} serves a PNG for a known ticket, 404
 * otherwise. {@link #failNext(String, int, String)} makes the next call of a path answer one of WeChat's errors.
 *
 * <p>Mass sends, customer service and comments keep state like WeChat ({@code MassSendAnswers}, {@code KfAnswers},
 * {@code CommentAnswers}): new {@code msg_id}s, {@code mass/get}, the 45028 quota error via
 * {@link #massSendQuota(int)}; agents, sessions and waiting followers; per-article comments.
 */
public final class WeChatDouble implements AutoCloseable {
    /**
     * Customer-service messages and typing to an openid starting with this answer 45015 ("response out of time limit
     * or subscription is canceled"), as WeChat does once the follower's 48-hour window has closed.
     */
    public static final String EXPIRED_OPENID_PREFIX = "oExpired";
    /** Template messages to an openid starting with this answer 43004 ("require subscribe"). */
    public static final String UNFOLLOWED_OPENID_PREFIX = TemplateAnswers.UNFOLLOWED;
    private final WireMockServer server;
    private final Followers followers;
    private final FollowerBook book = new FollowerBook();
    private final String host;
    private final TemplateAnswers templates = new TemplateAnswers();
    private final QrCodes qrCodes = new QrCodes();
    private final NextErrors nextErrors = new NextErrors();
    private final MenuAnswers menus;
    private final AutoReplyAnswers autoReplies = new AutoReplyAnswers();
    private final MassSendAnswers mass = new MassSendAnswers();
    private final MaterialState materials = new MaterialState();

    private WeChatDouble(Builder b) {
        followers = b.followers < 0 ? null : new Followers(b.followers, b.pageSize, b.profileDelay);
        host = b.host;
        var opts = options().bindAddress(b.host).port(b.port).usingFilesUnderClasspath("wechat-double")
                .globalTemplating(false);
        java.util.List<com.github.tomakehurst.wiremock.extension.Extension> extensions = new java.util.ArrayList<>();
        extensions.add(new DataCubeAnswers());
        extensions.add(templates);
        extensions.add(qrCodes);
        extensions.add(nextErrors);
        menus = new MenuAnswers(this::servedEvents);
        extensions.add(menus);
        extensions.add(autoReplies);
        extensions.add(mass);
        extensions.add(new KfAnswers());
        extensions.add(new CommentAnswers());
        extensions.add(new MaterialAnswers(materials));
        extensions.add(new DraftAnswers(materials));
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

    /** Every request served so far (the menu answers replay the tagging calls from it). */
    private java.util.List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> servedEvents() {
        return server.getAllServeEvents();
    }

    private WeChatDouble begin() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create")).atPriority(1)
                .willReturn(aResponse().withTransformers(QrCodes.NAME)));
        server.stubFor(get(urlPathEqualTo("/cgi-bin/showqrcode")).atPriority(1)
                .willReturn(aResponse().withTransformers(QrCodes.NAME)));
        for (String p : new String[] {"/cgi-bin/menu/create", "/cgi-bin/menu/addconditional",
                "/cgi-bin/menu/delconditional", "/cgi-bin/menu/trymatch"}) {
            server.stubFor(post(urlPathEqualTo(p)).atPriority(1)
                    .willReturn(aResponse().withTransformers(MenuAnswers.NAME)));
        }
        for (String p : new String[] {"/cgi-bin/menu/get", "/cgi-bin/menu/delete",
                "/cgi-bin/get_current_selfmenu_info"}) {
            server.stubFor(get(urlPathEqualTo(p)).atPriority(1)
                    .willReturn(aResponse().withTransformers(MenuAnswers.NAME)));
        }
        server.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")).atPriority(1)
                .willReturn(aResponse().withTransformers(AutoReplyAnswers.NAME)));
        for (String p : new String[] {"/cgi-bin/message/mass/sendall", "/cgi-bin/message/mass/send",
                "/cgi-bin/message/mass/get", "/cgi-bin/message/mass/delete", "/cgi-bin/openapi/quota/get"}) {
            server.stubFor(post(urlPathEqualTo(p)).atPriority(1)
                    .willReturn(aResponse().withTransformers(MassSendAnswers.NAME)));
        }
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/customservice/(kfaccount|kfsession)/.*|/cgi-bin/customservice/get(kf|onlinekf)list")).atPriority(1)
                .willReturn(aResponse().withTransformers(KfAnswers.NAME)));
        server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/cgi-bin/comment/(open|close|list|markelect|unmarkelect|delete|reply/add|reply/delete)"))
                .atPriority(1).willReturn(aResponse().withTransformers(CommentAnswers.NAME)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client
                .WireMock.urlPathMatching("/cgi-bin/material/.*|/cgi-bin/media/uploadimg|/mmbiz-double/.*"))
                .atPriority(1).willReturn(aResponse().withTransformers(MaterialAnswers.NAME)));
        server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/cgi-bin/(draft|freepublish)/.*")).atPriority(1).willReturn(aResponse()
                .withTransformers(DraftAnswers.NAME)));
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
     * Makes the next request to a path answer WeChat's error body instead (once per call), e.g.
     * {@code failNext("/datacube/getusersummary", 61501, "date range error")}.
     *
     * @param path the URL path
     * @param errcode the errcode
     * @param errmsg the errmsg
     */
    public void failNext(String path, int errcode, String errmsg) {
        nextErrors.add(path, errcode, errmsg);
    }

    /**
     * How many QR code tickets the double made ({@code qrcode/create}); {@code showqrcode} serves a PNG for each.
     *
     * @return the count
     */
    public int qrTickets() {
        return qrCodes.count();
    }

    /**
     * Makes {@code get_current_autoreply_info} answer an errcode (e.g. 48001 api unauthorized, 45009 quota) until
     * called again with 0, which restores the console sample ({@code autoreply_console.json}: keyword rules with
     * text, image, voice and news replies, a follow and a default reply).
     *
     * @param errcode the errcode, or 0 for the sample
     */
    public void autoReplyError(int errcode) {
        autoReplies.fail(errcode);
    }

    /**
     * Sets how many mass sends the account has left today: at 0, {@code mass/sendall} and {@code mass/send} answer
     * 45028 (has no masssend quota) and {@code openapi/quota/get} of a mass path reports {@code remain} 0.
     *
     * @param remaining the sends left (the double starts with {@value MassSendAnswers#DAILY_LIMIT})
     */
    public void massSendQuota(int remaining) {
        mass.quota(remaining);
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
     * Makes the next {@code menu/create} answer an errcode instead (once), e.g. 48001 (API unauthorized).
     *
     * @param errcode the errcode to answer
     */
    public void failNextMenuCreate(int errcode) {
        menus.failNextCreate(errcode);
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
     * The msgid the double answered to the last template message (its {@code TEMPLATESENDJOBFINISH} event carries
     * it); template sends are stateful: each gets a new msgid, and deleted templates leave the list.
     *
     * @return the msgid, or 0 before the first send
     */
    public long lastTemplateMsgId() {
        return templates.lastMsgId();
    }

    /**
     * The publish ids {@code freepublish/submit} handed out, oldest first.
     *
     * @return the ids
     */
    public java.util.List<String> publishIds() {
        return materials.publishIds();
    }

    /**
     * Ends a publish job as WeChat would before sending {@code PUBLISHJOBFINISH}: on success the draft's articles
     * become a published item ({@code freepublish/batchget}) with article URLs on the double.
     *
     * @param publishId the job, from {@link #publishIds()}
     * @param ok success (status 0) or failure (status 3)
     * @return the new article id, or {@code null} on failure
     */
    public String finishPublish(String publishId, boolean ok) {
        return materials.finish(publishId, ok, baseUrl()).articleId();
    }

    /**
     * Whether a permanent material exists in the double (after uploads and deletions).
     *
     * @param mediaId the media id
     * @return whether it exists
     */
    public boolean hasMaterial(String mediaId) {
        return materials.material(mediaId) != null;
    }

    /**
     * Makes the next call to a material, draft or free-publish path answer an errcode (once), e.g.
     * {@code failNext("/cgi-bin/freepublish/submit", 53503)}.
     *
     * @param path the URL path
     * @param errcode the errcode
     */
    public void failNext(String path, int errcode) {
        materials.failNext(path, errcode);
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:9100}: on the bound address, or on {@code 127.0.0.1} when bound to
     * every interface ({@code 0.0.0.0}, {@code ::}).
     *
     * @return the URL
     */
    public String baseUrl() {
        boolean any = "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
        String h = any ? "127.0.0.1" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + server.port();
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
        Builder b = builder().port(Integer.parseInt(p))
                .host(System.getenv().getOrDefault("DOUBLE_HOST", "127.0.0.1"));
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
        private String host = "127.0.0.1";
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
         * The address to listen on: {@code 127.0.0.1} (the default) keeps the double on this machine; {@code 0.0.0.0}
         * (every interface) or a LAN address lets a browser on another machine follow the OAuth redirect to the
         * double's authorize page (give the app that address as its {@code oauth_url}).
         *
         * @param address an IP address or host name
         * @return this builder
         */
        public Builder host(String address) {
            this.host = Objects.requireNonNull(address, "address").trim();
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
