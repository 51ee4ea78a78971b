package org.wechatmp.examples.jaxrsjersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.examples.servletjetty.DemoApp;
import org.wechatmp.examples.servletjetty.ExampleConfig;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.jaxrs.WeChatAuth;
import org.wechatmp.jaxrs.WeChatFeature;

/**
 * The demo app on Jersey: the callback at {@code /wechat/<account>}, a {@link WeChatAuth} page at {@code /me}, the
 * JS-SDK script, with the same settings and demo rules as the servlet example.
 */
public final class JaxrsJerseyExample implements AutoCloseable {
    private final Server server;
    private final WeChatRuntime runtime;
    private final WeChatDouble wechatDouble;
    private final org.wechatmp.storage.jdbi.JdbiStorage storage;

    private JaxrsJerseyExample(Server server, WeChatRuntime runtime, WeChatDouble wechatDouble,
            org.wechatmp.storage.jdbi.JdbiStorage storage) {
        this.storage = storage;
        this.server = server;
        this.runtime = runtime;
        this.wechatDouble = wechatDouble;
    }

    /** The page behind web authorization. */
    @Path("me")
    public static final class Me {
        /**
         * Greets the signed-in user.
         *
         * @param info the user
         * @return the greeting
         */
        @GET
        @Produces("text/plain;charset=UTF-8")
        @WeChatAuth(scope = "snsapi_userinfo")
        public String me(@HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo info) {
            String nick = info.user().nickname() == null ? info.openid() : info.user().nickname();
            return "你好, " + nick + " (" + info.openid() + ")";
        }
    }

    /** A page using the JS-SDK: it includes the signed {@code wx.config} script. */
    @Path("jssdk")
    public static final class JsSdkPage {
        /**
         * The page.
         *
         * @return the HTML
         */
        @GET
        @Produces("text/html;charset=UTF-8")
        public String page() {
            return "<!doctype html><html><head><meta charset=\"utf-8\"><title>JS-SDK</title></head><body>"
                    + "<h1>JS-SDK</h1><script src=\"https://res.wx.qq.com/open/js/jweixin-1.6.0.js\"></script>"
                    + "<script src=\"/wechat-jssdk/" + ACCOUNT_NAME.get()
                    + "/config.js?apis=updateAppMessageShareData,chooseImage\"></script>"
                    + "<p>Open this page in WeChat to use the JS-SDK.</p></body></html>";
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<String> ACCOUNT_NAME =
            new java.util.concurrent.atomic.AtomicReference<>("demo");

    /**
     * Starts the app.
     *
     * @param cfg the settings
     * @return the running app
     * @throws Exception when it cannot start
     */
    public static JaxrsJerseyExample start(ExampleConfig cfg) throws Exception {
        WeChatDouble dbl = cfg.apiBase() == null ? WeChatDouble.start(0) : null;
        String apiBase = dbl != null ? dbl.baseUrl() : cfg.apiBase();
        String oauthUrl = cfg.oauthUrl() != null ? cfg.oauthUrl() : (dbl != null ? dbl.baseUrl() : null);
        Account account = DemoApp.account(cfg, apiBase, oauthUrl);
        org.wechatmp.storage.jdbi.JdbiStorage storage = DemoApp.storage(cfg);
        WeChatRuntime runtime = DemoApp.runtime(account, storage);
        ResourceConfig config = new ResourceConfig().registerInstances(WeChatFeature.singletons(runtime,
                DemoApp.web(System.getenv())).toArray())
                .register(Me.class).register(JsSdkPage.class);
        ACCOUNT_NAME.set(account.name());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(cfg.host());
        connector.setPort(cfg.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
        server.setHandler(context);
        server.start();
        return new JaxrsJerseyExample(server, runtime, dbl, storage);
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
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

    /**
     * Runs until killed.
     *
     * @param args unused
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        JaxrsJerseyExample app = start(ExampleConfig.from(System.getenv()));
        System.out.println("wechatmp Jersey example listening on port " + app.port());
        app.server.join();
    }
}
