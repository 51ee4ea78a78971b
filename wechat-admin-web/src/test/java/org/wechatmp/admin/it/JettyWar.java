package org.wechatmp.admin.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The built war on embedded Jetty 12 (ee10), on an ephemeral port of 127.0.0.1, with its own H2 database. */
final class JettyWar implements AutoCloseable {
    private final Server server;
    private final WebAppContext app;
    private final String base;

    private JettyWar(Server server, WebAppContext app, String base) {
        this.server = server;
        this.app = app;
        this.base = base;
    }

    static Path war() {
        Path war = Path.of(System.getProperty("admin.war", "target/wechat-admin-web.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("build the war first (mvn package): " + war);
        }
        return war;
    }

    static String memoryDb() {
        return "jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static JettyWar start(Map<String, String> params) throws Exception {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        app.setWar(war().toString());
        app.setTempDirectory(Files.createTempDirectory("admin-it").toFile());
        app.setThrowUnavailableOnStartupException(true);
        app.setInitParameter("wechat.db.url", memoryDb());
        params.forEach(app::setInitParameter);
        server.setHandler(app);
        server.start();
        return new JettyWar(server, app, "http://127.0.0.1:" + c.getLocalPort());
    }

    String base() {
        return base;
    }

    String setupToken() {
        return (String) app.getServletContext().getAttribute("org.wechatmp.admin.setupToken");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
