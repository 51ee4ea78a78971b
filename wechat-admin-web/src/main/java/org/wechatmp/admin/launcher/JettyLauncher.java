package org.wechatmp.admin.launcher;

import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Jetty half of the launcher, loaded by {@link Main} from {@code WEB-INF/launcher}: Jetty 12 (ee10) serving the
 * war at the root context on {@code PORT} (default 8080) and {@code HOST} (default all interfaces).
 */
public final class JettyLauncher {
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
        System.out.println("wechat-admin is running: " + url + "/  (stop with Ctrl+C)\n"
                + "  sign in:  " + url + "/login  (first run without WECHAT_ADMIN_USER: " + url
                + "/setup with the one-time token printed above)\n"
                + "  WeChat callback URL of an account: " + url + "/wechat/<account name>");
        server.join();
    }

    private static String setting(String prop, String fallback) {
        String v = System.getProperty(prop);
        if (v == null || v.isBlank()) {
            v = System.getenv(prop.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
