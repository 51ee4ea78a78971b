package org.wechatmp.examples.servletjetty;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.TextMessage;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The demo account and its auto-replies: a keyword reply, a subscribe greeting, custom Java handlers and a news
 * reply. Everything but the HTTP server lives here, so other examples can reuse it.
 */
public final class DemoApp {
    /** The demo news material. */
    public static final String NEWS_MEDIA_ID = "DEMO_NEWS";

    private DemoApp() {
    }

    /**
     * Builds the account from the settings.
     *
     * @param cfg the settings
     * @param apiBase the API base in use
     * @param oauthUrl the authorize host in use, or {@code null}
     * @return the account
     */
    public static Account account(ExampleConfig cfg, String apiBase, String oauthUrl) {
        Map<String, String> options = new HashMap<>();
        options.put("api_base", apiBase);
        if (oauthUrl != null) {
            options.put("oauth_url", oauthUrl);
        }
        return new Account(cfg.appName(), "Demo account", Account.Type.SERVICE, cfg.appId(), cfg.secret(),
                cfg.token(), cfg.aesKey(), cfg.mode(), true, true, options);
    }

    /**
     * The site settings from {@code WECHAT_SITE_URL}, {@code WECHAT_ALLOWED_HOSTS} and {@code WECHAT_TRUSTED_PROXIES};
     * with none of the first two set, sign-in is allowed on {@code localhost} and {@code 127.0.0.1} only (for trying
     * the example), never on a forged {@code Host}.
     *
     * @param env the environment
     * @return the settings
     */
    public static WebSettings web(Map<String, String> env) {
        WebSettings web = WebSettings.fromEnv(env);
        return web.siteUrl() == null && web.allowedHosts().isEmpty() ? web.withAllowedHosts("localhost", "127.0.0.1")
                : web;
    }

    /**
     * What an example says at start, at INFO: where it listens, the WeChat API it talks to (WeChat or the local
     * double), the database, the callback URL with its encrypt mode, and the pages.
     *
     * @param example the example's name
     * @param port the port it listens on
     * @param account the account
     * @param api the API description ({@link ApiTarget#describe})
     * @param cfg the settings
     * @param storage the storage
     * @return the lines to log
     */
    public static String startupReport(String example, int port, Account account, String api, ExampleConfig cfg,
            JdbiStorage storage) {
        String origin = "http://localhost:" + port;
        String url = cfg.dbUrl() != null ? cfg.dbUrl() : DEFAULT_DB_URL;
        String token = ApiTarget.isDemo(account.appId(), account.secret())
                ? ", token " + account.token() + " (demo only: a real token is never logged)" : "";
        return "wechatmp " + example + ": " + origin + "/  (stop with Ctrl+C)"
                + "\n  WeChat API: " + api
                + "\n  database: " + storage.vendor() + " at " + url.replaceAll("(?i)(password=)[^&;]*", "$1***")
                + "\n  callback URL of account " + account.name() + " (" + account.appId() + "): " + origin
                + "/wechat/" + account.name() + ", " + account.encryptMode().name().toLowerCase(java.util.Locale.ROOT)
                + " mode" + token
                + "\n  pages: " + origin + "/me (WeChat sign-in), " + origin + "/jssdk (JS-SDK)";
    }

    /**
     * The index page of the servlet and JAX-RS examples: what is mounted, and what to do next.
     *
     * @param title the example's title
     * @param account the account
     * @return the HTML
     */
    public static String indexPage(String title, Account account) {
        String name = escape(account.name());
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>wechatmp</title></head><body><h1>"
                + escape(title) + "</h1><ul><li>callback: <code>/wechat/" + name + "</code> ("
                + account.encryptMode().name().toLowerCase(java.util.Locale.ROOT) + " mode)</li>"
                + "<li><a href=\"/me\">/me</a>: WeChat sign-in (on the demo account the local double plays WeChat's "
                + "authorize page)</li><li><a href=\"/jssdk\">/jssdk</a>: a page using the JS-SDK</li></ul>"
                + "<h2>Next</h2><ol><li>Send a message as the WeChat server would, from a second terminal:"
                + "<pre>mvn -B -f examples/wechat-double exec:java \\\n"
                + "    -Dexec.mainClass=org.wechatmp.examples.wechatdouble.SendMessage -Dexec.args=\"hello\"</pre>"
                + "and try <code>time</code>, <code>news</code>, any other text, or "
                + "<code>-Dexec.args=\"--event subscribe\"</code>.</li>"
                + "<li>Change the auto-replies: <code>DemoApp.runtime</code> (handlers, rules, custom replies).</li>"
                + "<li>Connect a real account: README, <i>Connecting a real account</i> (console settings, callback URL,"
                + " token, AES key, IP whitelist).</li></ol></body></html>";
    }

    /**
     * Escapes text for HTML.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The default database: embedded H2 in memory. Set {@code WECHAT_DB_URL} for a file or a server. */
    public static final String DEFAULT_DB_URL = "jdbc:h2:mem:wechat-demo;DB_CLOSE_DELAY=-1";

    /**
     * Opens the storage from the settings (embedded H2 by default) and migrates it.
     *
     * @param cfg the settings
     * @return the storage
     */
    public static JdbiStorage storage(ExampleConfig cfg) {
        return JdbiStorage.builder(cfg.dbUrl() != null ? cfg.dbUrl() : DEFAULT_DB_URL)
                .masterKey(System.getenv("WECHAT_MASTER_KEY")).build();
    }

    /**
     * The runtime with the demo account and handlers stored in the storage.
     *
     * @param account the account
     * @param storage the storage
     * @return the runtime
     */
    public static WeChatRuntime runtime(Account account, JdbiStorage storage) {
        String name = account.name();
        storage.accounts().save(account);
        List<Handler> handlers = new java.util.ArrayList<>();
        handlers.add(Handler.builder("hello").weight(10).rule(Rule.contains("hello")).rule(Rule.contains("你好"))
                .reply(HandlerReply.text("你好！This is wechatmp answering.")).build());
        handlers.add(Handler.builder("subscribe greeting").weight(10).rule(Rule.event("subscribe"))
                .reply(HandlerReply.custom("greet")).build());
        handlers.add(Handler.builder("time").weight(10).rule(Rule.equalTo("time"))
                .reply(HandlerReply.custom("time")).build());
        handlers.add(Handler.builder("news").weight(10).rule(Rule.equalTo("news"))
                .reply(HandlerReply.news(NEWS_MEDIA_ID)).build());
        handlers.add(Handler.builder("menu click").weight(10).rule(Rule.eventKey("CLICK", "V1001_HELLO"))
                .reply(HandlerReply.text("You tapped the hello button.")).build());
        handlers.add(Handler.builder("image").weight(5).rule(Rule.msgType("image"))
                .reply(HandlerReply.text("Nice picture!")).build());
        handlers.add(Handler.builder("echo").weight(-100).rule(Rule.msgType("text"))
                .reply(HandlerReply.custom("echo")).build());

        // re-seeding replaces the demo's own handlers, so a persistent database never collects duplicates
        storage.handlers().replaceSource(name, Handler.Source.SELF, handlers);
        storage.materials().save(name, "news", new MaterialItem(NEWS_MEDIA_ID, "", 1_700_000_000L, "",
                List.of(new NewsArticle("wechatmp", "DEMO_THUMB", "https://example.com/cover.png", 1, "demo",
                        "A Java framework for WeChat official accounts", "<p>hello</p>",
                        "https://example.com/news/1", "", 0, 0))));
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
        return storage.runtime()
                .stateSigner(OAuthStateSigner.fromEnv(System.getenv()))   // WECHAT_OAUTH_KEY: the same on every node
                .customReply("greet", ctx -> ctx.isFirstSubscribe() ? "欢迎关注！Welcome!" : "欢迎回来！Welcome back!")
                .customReply("time", ctx -> "现在是北京时间 " + fmt.format(Instant.now()))
                .customReply("echo", ctx -> "You said: " + ((TextMessage) ctx.message()).content())
                .build();
    }
}
