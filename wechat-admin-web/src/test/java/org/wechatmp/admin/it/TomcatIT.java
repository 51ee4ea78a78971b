package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** The same war on embedded Tomcat 10.1 ({@code addWebapp}): a smoke test of sign-in, a list page and CSRF. */
class TomcatIT {

    @Test
    void theWarRunsOnTomcat() throws Exception {
        Path base = Files.createTempDirectory("admin-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getHost().setAppBase(Files.createDirectories(base.resolve("webapps")).toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context ctx = tomcat.addWebapp("", JettyWar.war().toAbsolutePath().toString());
        ctx.addParameter("wechat.db.url", JettyWar.memoryDb());
        ctx.addParameter("wechat.admin.user", "root");
        ctx.addParameter("wechat.admin.password", "tomcat-password-1");
        tomcat.start();
        try {
            assertThat(ctx.getState().isAvailable()).as("the web application started").isTrue();
            Web w = new Web("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
            HttpResponse<String> login = w.get("/login");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                    .startsWith("default-src 'self'");
            assertThat(login.headers().firstValue("Set-Cookie")).get().asString().contains("HttpOnly")
                    .contains("SameSite=Lax");
            assertThat(w.get("/setup").statusCode()).as("bootstrapped from the config: no setup").isEqualTo(404);
            assertThat(w.post("/login", Map.of("username", "root", "password", "tomcat-password-1")).statusCode())
                    .isEqualTo(302);
            HttpResponse<String> accounts = w.get("/accounts");
            assertThat(accounts.statusCode()).isEqualTo(200);
            assertThat(accounts.body()).contains("id=\"accounts\"");
            assertThat(w.get("/webjars/bootstrap/5.3.8/css/bootstrap.min.css").statusCode()).isEqualTo(200);
            assertThat(w.post("/accounts/new", Map.of("name", "x", "appId", "wx"), false).statusCode())
                    .isEqualTo(403);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
