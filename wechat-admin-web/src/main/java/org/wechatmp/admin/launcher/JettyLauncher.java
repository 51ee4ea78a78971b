package org.wechatmp.admin.launcher;

import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The Jetty half of the launcher, loaded by {@link Main} from {@code WEB-INF/launcher}: Jetty 12 (ee10) serving the
 * war at the root context on {@code PORT} (default 8080) and {@code HOST} (default all interfaces).
 *
 * <p>Demo mode: unless {@code WECHAT_DEMO=off} or {@code WECHAT_API_BASE} is set, it first starts the local WeChat
 * double ({@code examples/wechat-double}, WireMock, from {@code WEB-INF/launcher/lib}) on a free loopback port with
 * {@code WECHAT_DEMO_FOLLOWERS} followers (default 5,000) and hands its address to the web application
 * ({@code wechat.demo.api.base}). The web application uses it only when the database has no account but demo ones;
 * otherwise the double is stopped again.
 */
public final class JettyLauncher {
    /** The web application's context attribute set in demo mode (AdminApp.DEMO_ATTRIBUTE). */
    private static final String DEMO_ATTRIBUTE = "org.wechatmp.admin.demo";

    private JettyLauncher() {
    }

    /**
     * Runs until the process is stopped.
     *
     * @param war the war file
     * @throws Exception when Jetty cannot start
     */
    public static void run(Path war) throws Exception {
        String level = setting("wechat.log.level", "info").toLowerCase(Locale.ROOT);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "debug".equals(level) ? "debug" : "warn");
        int port = Integer.parseInt(setting("port", "8080"));
        String host = setting("host", null);

        WeChatDouble demo = null;
        if (!"off".equalsIgnoreCase(setting("wechat.demo", "auto")) && setting("wechat.api.base", null) == null) {
            demo = WeChatDouble.builder().followers(Integer.parseInt(setting("wechat.demo.followers", "5000")))
                    .start();
            System.setProperty("wechat.demo.api.base", demo.baseUrl());
        }

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        connector.setHost(host);
        server.addConnector(connector);
        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        app.setWar(war.toString());
        app.setThrowUnavailableOnStartupException(true);
        server.setHandler(app);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("wechat-admin could not start: " + e.getMessage());
            server.stop();
            System.exit(1);
        }
        String shown = host == null || host.isEmpty() || "0.0.0.0".equals(host) ? "localhost" : host;
        String url = "http://" + shown + ":" + connector.getLocalPort();
        boolean demoMode = demo != null && app.getServletContext().getAttribute(DEMO_ATTRIBUTE) != null;
        if (demo != null && !demoMode) {
            demo.close();
            System.clearProperty("wechat.demo.api.base");
        }
        if (demoMode) {
            System.out.println("wechat-admin is running in DEMO MODE: " + url + "/  (stop with Ctrl+C)\n"
                    + "  sign in:  " + url + "/login  as admin, with the generated password printed above\n"
                    + "  WeChat double (stands in for api.weixin.qq.com): " + demo.baseUrl() + "\n"
                    + "  WeChat callback URL of the demo account: " + url + "/wechat/demo  (token demo-token)");
        } else {
            System.out.println("wechat-admin is running: " + url + "/  (stop with Ctrl+C)\n"
                    + "  sign in:  " + url + "/login  (first run without WECHAT_ADMIN_USER: " + url
                    + "/setup with the one-time token printed above)\n"
                    + "  WeChat callback URL of an account: " + url + "/wechat/<account name>");
        }
        try {
            server.join();
        } finally {
            if (demoMode) {
                demo.close();
            }
        }
    }

    private static String setting(String prop, String fallback) {
        String v = System.getProperty(prop);
        if (v == null || v.isBlank()) {
            v = System.getenv(prop.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
