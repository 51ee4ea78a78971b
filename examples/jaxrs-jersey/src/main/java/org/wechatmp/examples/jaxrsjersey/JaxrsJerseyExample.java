package org.wechatmp.examples.jaxrsjersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.examples.servletjetty.DemoApp;
import org.wechatmp.examples.servletjetty.ExampleConfig;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.jaxrs.WeChatAuth;
import org.wechatmp.jaxrs.WeChatFeature;

/**
 * The demo app on Jersey: an index at {@code /}, the callback at {@code /wechat/<account>}, a {@link WeChatAuth} page
 * at {@code /me}, the JS-SDK script, with the same settings and demo rules as the servlet example.
 */
public final class JaxrsJerseyExample implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JaxrsJerseyExample.class);
    private final Server server;
    private final WeChatRuntime runtime;
    private final WeChatDouble wechatDouble;
    private final org.wechatmp.storage.jdbi.JdbiStorage storage;
    private String report;

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

    /** The index: what is mounted, and what to do next. */
    @Path("/")
    public static final class Index {
        private final Account account;

        /**
         * Creates the page.
         *
         * @param account the account
         */
        public Index(Account account) {
            this.account = account;
        }

        /**
         * The page.
         *
         * @return the HTML
         */
        @GET
        @Produces("text/html;charset=UTF-8")
        public String page() {
            return DemoApp.indexPage("wechatmp JAX-RS example (Jersey)", account);
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
        WeChatDouble dbl = cfg.startDouble();
        String apiBase = dbl != null ? dbl.baseUrl() : cfg.apiBase();
        String oauthUrl = cfg.oauthUrl() != null ? cfg.oauthUrl() : (dbl != null ? dbl.baseUrl() : null);
        Account account = DemoApp.account(cfg, apiBase, oauthUrl);
        org.wechatmp.storage.jdbi.JdbiStorage storage = DemoApp.storage(cfg);
        WeChatRuntime runtime = DemoApp.runtime(account, storage);
        quietJersey();
        ResourceConfig config = new ResourceConfig().registerInstances(WeChatFeature.singletons(runtime,
                DemoApp.web(System.getenv())).toArray())
                .register(Me.class).register(JsSdkPage.class).registerInstances(new Index(account))
                // no WADL (it needs JAXB) and no javax.activation DataSource writer: Jersey warns about both otherwise
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");
        ACCOUNT_NAME.set(account.name());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(cfg.host());
        connector.setPort(cfg.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder jersey = new ServletHolder(new ServletContainer(config));
        jersey.setInitOrder(1);   // Jersey starts with the server, not on the first request
        context.addServlet(jersey, "/*");
        server.setHandler(context);
        server.start();
        JaxrsJerseyExample app = new JaxrsJerseyExample(server, runtime, dbl, storage);
        app.report = DemoApp.startupReport("JAX-RS example (Jersey)", app.port(), account,
                ApiTarget.describe(apiBase, dbl != null), cfg, storage);
        LOG.info("{}", app.report);
        return app;
    }

    /**
     * Jersey checks resource <em>instances</em> (those {@link WeChatFeature#singletons} returns) as providers first and
     * logs that it "ignores" them before it uses them as resources, which they are (eclipse-ee4j/jersey#3700). That
     * one logger is turned down to errors; every other Jersey warning still shows.
     */
    static void quietJersey() {
        JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Kept referenced: java.util.logging holds loggers weakly, and a collected one loses its level. */
    private static final java.util.logging.Logger JERSEY_PROVIDERS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    /**
     * What the example logged at start.
     *
     * @return the lines
     */
    public String report() {
        return report;
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
        JaxrsJerseyExample app = start(ExampleConfig.from(System.getenv()));   // logs what it talks to
        app.server.join();
    }
}
