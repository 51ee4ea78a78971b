package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * The same war on embedded Tomcat 10.1 ({@code addWebapp}): a smoke test of sign-in, a list page, CSRF, and a sync
 * job's server-sent events (Servlet async through the filters).
 */
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
        // a setting from JNDI (java:comp/env), as a container's operator would give it
        tomcat.enableNaming();
        org.apache.tomcat.util.descriptor.web.ContextEnvironment token =
                new org.apache.tomcat.util.descriptor.web.ContextEnvironment();
        token.setName("wechat.metrics.token");
        token.setType("java.lang.String");
        token.setValue("jndi-metrics-token");
        ctx.getNamingResources().addEnvironment(token);
        org.wechatmp.examples.wechatdouble.WeChatDouble wechat = org.wechatmp.examples.wechatdouble.WeChatDouble
                .builder().followers(1_500).pageSize(500).start();
        tomcat.start();
        try {
            assertThat(ctx.getState().isAvailable()).as("the web application started").isTrue();
            Web w = new Web("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
            java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
            java.net.URI metrics = java.net.URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()
                    + "/metrics");
            assertThat(plain.send(java.net.http.HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer jndi-metrics-token").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the JNDI token opens /metrics")
                    .isEqualTo(200);
            assertThat(plain.send(java.net.http.HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(403);
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

            // a sync job and its server-sent events through every filter (all async-supported) on Tomcat
            java.util.Map<String, String> f = new java.util.HashMap<>(Map.of("name", "tc", "title", "Tc", "type",
                    "SERVICE", "appId", "wxtc", "secret", "tc-secret", "token", "tc-token", "encryptMode", "PLAIN",
                    "aesKey", "", "apiBase", wechat.baseUrl()));
            w.get("/accounts/new");
            assertThat(w.post("/accounts/new", f).statusCode()).isEqualTo(302);
            String id = JobsIT.startJob(w, "tc", "FOLLOWERS_FULL", 302);
            HttpResponse<String> events = w.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    w.base + "/jobs/" + id + "/events")).timeout(java.time.Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            assertThat(events.body()).contains("event: finished").contains("data-state=\"SUCCEEDED\"")
                    .contains("fetched=1500");
        } finally {
            tomcat.stop();
            tomcat.destroy();
            wechat.close();
        }
    }
}
