package org.wechatmp.examples.servletjetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.servlet.OAuthConfig;
import org.wechatmp.servlet.WeChatServlets;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * A complete small app on embedded Jetty 12: the callback at {@code /wechat/<account>}, an OAuth-protected page at
 * {@code /me}, a JS-SDK page at {@code /jssdk}. Without {@code WECHAT_API_BASE} it starts the local WeChat double, so
 * it runs with no WeChat account at all.
 */
public final class ServletJettyExample implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServletJettyExample.class);

    private final Server server;
    private final WeChatRuntime runtime;
    private final WeChatDouble wechatDouble;
    private final Account account;
    private final JdbiStorage storage;
    private String report;

    private ServletJettyExample(Server server, WeChatRuntime runtime, WeChatDouble wechatDouble, Account account,
            JdbiStorage storage) {
        this.storage = storage;
        this.server = server;
        this.runtime = runtime;
        this.wechatDouble = wechatDouble;
        this.account = account;
    }

    /**
     * Starts the app.
     *
     * @param cfg the settings
     * @return the running app
     * @throws Exception when the server cannot start
     */
    public static ServletJettyExample start(ExampleConfig cfg) throws Exception {
        WeChatDouble dbl = cfg.startDouble();
        String apiBase = dbl != null ? dbl.baseUrl() : cfg.apiBase();
        String oauthUrl = cfg.oauthUrl() != null ? cfg.oauthUrl() : (dbl != null ? dbl.baseUrl() : null);
        Account account = DemoApp.account(cfg, apiBase, oauthUrl);
        JdbiStorage storage = DemoApp.storage(cfg);
        WeChatRuntime runtime = DemoApp.runtime(account, storage);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(cfg.host());
        connector.setPort(cfg.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, ctx) -> {
            WebSettings web = DemoApp.web(System.getenv());
            WeChatServlets.register(ctx, runtime, web); // the callback and the sign-in share the trusted proxies
            WeChatServlets.protect(ctx, runtime, OAuthConfig.of(account.name(), OAuthScope.USERINFO).web(web), "/me");
            ctx.addServlet("pages", new Pages(account)).addMapping("", "/me", "/jssdk");
        });
        server.setHandler(context);
        server.start();
        ServletJettyExample app = new ServletJettyExample(server, runtime, dbl, account, storage);
        app.report = DemoApp.startupReport("servlet example (Jetty)", app.port(), account,
                ApiTarget.describe(apiBase, dbl != null), cfg, storage);
        LOG.info("{}", app.report);
        return app;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * What the example logged at start.
     *
     * @return the lines
     */
    public String report() {
        return report;
    }

    /**
     * The runtime.
     *
     * @return the runtime
     */
    public WeChatRuntime runtime() {
        return runtime;
    }

    /**
     * The storage.
     *
     * @return the storage
     */
    public JdbiStorage storage() {
        return storage;
    }

    /**
     * The account.
     *
     * @return the account
     */
    public Account account() {
        return account;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        runtime.close();
        storage.close();
        if (wechatDouble != null) {
            wechatDouble.close();
        }
    }

    /** The index, the greeting page and the JS-SDK page. */
    static final class Pages extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Account account;

        Pages(Account account) {
            this.account = account;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            String path = req.getServletPath();
            String body;
            if ("/me".equals(path)) {
                WeChatOAuthInfo info = (WeChatOAuthInfo) req.getAttribute(WeChatOAuthInfo.ATTRIBUTE);
                String nick = info.user().nickname() == null ? info.openid() : info.user().nickname();
                body = "<h1>你好, " + escape(nick) + "</h1><p>openid " + escape(info.openid()) + ", scope "
                        + info.scope().value() + "</p>";
            } else if ("/jssdk".equals(path)) {
                body = "<h1>JS-SDK</h1><script src=\"https://res.wx.qq.com/open/js/jweixin-1.6.0.js\"></script>"
                        + "<script src=\"/wechat-jssdk/" + account.name()
                        + "/config.js?apis=updateAppMessageShareData,chooseImage\"></script>"
                        + "<p>Open this page in WeChat to use the JS-SDK.</p>";
            } else {
                resp.getWriter().write(DemoApp.indexPage("wechatmp servlet example", account));
                return;
            }
            resp.getWriter().write("<!doctype html><html><head><meta charset=\"utf-8\"><title>wechatmp</title>"
                    + "</head><body>" + body + "</body></html>");
        }

        private static String escape(String s) {
            return DemoApp.escape(s);
        }
    }

    /**
     * Runs the app until killed.
     *
     * @param args unused
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        ServletJettyExample app = start(ExampleConfig.from(System.getenv()));   // logs what it talks to
        app.server.join();
    }
}
