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
import org.wechatmp.core.spi.InMemoryAccountRegistry;
import org.wechatmp.core.spi.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.spi.InMemoryMessageLogStore;

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
     * The runtime with the demo handlers.
     *
     * @param account the account
     * @return the runtime
     */
    public static WeChatRuntime runtime(Account account) {
        String name = account.name();
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        handlers.add(name, Handler.builder("hello").weight(10).rule(Rule.contains("hello")).rule(Rule.contains("你好"))
                .reply(HandlerReply.text("你好！This is wechatmp answering.")).build());
        handlers.add(name, Handler.builder("subscribe greeting").weight(10).rule(Rule.event("subscribe"))
                .reply(HandlerReply.custom("greet")).build());
        handlers.add(name, Handler.builder("time").weight(10).rule(Rule.equalTo("time"))
                .reply(HandlerReply.custom("time")).build());
        handlers.add(name, Handler.builder("news").weight(10).rule(Rule.equalTo("news"))
                .reply(HandlerReply.news(NEWS_MEDIA_ID)).build());
        handlers.add(name, Handler.builder("menu click").weight(10).rule(Rule.eventKey("CLICK", "V1001_HELLO"))
                .reply(HandlerReply.text("You tapped the hello button.")).build());
        handlers.add(name, Handler.builder("image").weight(5).rule(Rule.msgType("image"))
                .reply(HandlerReply.text("Nice picture!")).build());
        handlers.add(name, Handler.builder("echo").weight(-100).rule(Rule.msgType("text"))
                .reply(HandlerReply.custom("echo")).build());

        InMemoryMaterialRepository materials = new InMemoryMaterialRepository().putNews(name, NEWS_MEDIA_ID,
                List.of(new NewsArticle("wechatmp", "DEMO_THUMB", "https://example.com/cover.png", 1, "demo",
                        "A Java framework for WeChat official accounts", "<p>hello</p>",
                        "https://example.com/news/1", "", 0, 0)));
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
        return WeChatRuntime.builder(new InMemoryAccountRegistry(account)).handlers(handlers).materials(materials)
                .messageLog(new InMemoryMessageLogStore())
                .customReply("greet", ctx -> ctx.isFirstSubscribe() ? "欢迎关注！Welcome!" : "欢迎回来！Welcome back!")
                .customReply("time", ctx -> "现在是北京时间 " + fmt.format(Instant.now()))
                .customReply("echo", ctx -> "You said: " + ((TextMessage) ctx.message()).content())
                .build();
    }
}
