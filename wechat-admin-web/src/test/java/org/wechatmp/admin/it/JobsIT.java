package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * Sync jobs and metrics over plain HTTP, on the built war with the WeChat double serving 3,000 followers in pages of
 * 1,000: a start, a refused second start, the server-sent events up to the end, an injected errcode and the resume,
 * grants on jobs, the audit, and {@code /metrics} with its token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsIT {
    static final String TOKEN = "scrape-token-1";
    static final Pattern JOB = Pattern.compile("/jobs/([0-9a-f-]{36})$");
    static WeChatDouble wechat;
    static JettyWar jetty;
    static Web root;

    @BeforeAll
    static void start() throws Exception {
        wechat = WeChatDouble.builder().followers(3_000).pageSize(1_000).profileDelay(Duration.ofMillis(20)).start();
        jetty = JettyWar.start(Map.of("wechat.admin.user", "root", "wechat.admin.password", "root-password-1",
                "wechat.metrics.token", TOKEN));
        root = new Web(jetty.base());
        assertThat(root.signIn("root", "root-password-1").statusCode()).isEqualTo(302);
        root.get("/accounts/new");
        Map<String, String> f = new HashMap<>();
        f.put("name", "acme");
        f.put("title", "Acme");
        f.put("type", "SERVICE");
        f.put("appId", "wxacme");
        f.put("secret", "acme-secret");
        f.put("token", "acme-token");
        f.put("encryptMode", "PLAIN");
        f.put("aesKey", "");
        f.put("apiBase", wechat.baseUrl());
        assertThat(root.post("/accounts/new", f).statusCode()).isEqualTo(302);
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        wechat.close();
    }

    static String startJob(Web w, String kind, int status) throws Exception {
        return startJob(w, "acme", kind, status);
    }

    static String startJob(Web w, String account, String kind, int status) throws Exception {
        w.get("/jobs");
        HttpResponse<String> r = w.post("/jobs/start", Map.of("account", account, "kind", kind));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (status != 302) {
            return null;
        }
        Matcher m = JOB.matcher(r.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String state(Web w, String id) throws Exception {
        Matcher m = Pattern.compile("class=\"job-status\" data-state=\"([A-Z]+)\"").matcher(w.get("/jobs/" + id)
                .body());
        return m.find() ? m.group(1) : "?";
    }

    static String awaitEnd(Web w, String id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String s;
        while ("RUNNING".equals(s = state(w, id)) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        return s;
    }

    @Test
    @Order(1)
    void aFollowerSyncStreamsItsProgressOverSseAndASecondStartIsRefused() throws Exception {
        String id = startJob(root, "FOLLOWERS_FULL", 302);
        // 30 profile calls of at least 20 ms each: still running; the list refreshes itself while a job runs
        assertThat(root.get("/jobs").body()).contains("data-state=\"RUNNING\"").contains("hx-trigger=\"every 2s\"");
        HttpResponse<String> refused = root.post("/jobs/start", Map.of("account", "acme", "kind", "FOLLOWERS_FULL"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("This sync is already running for this account")
                .contains("href=\"/jobs/" + id + "\"");

        HttpResponse<java.io.InputStream> sse = root.http.send(HttpRequest.newBuilder(URI.create(jetty.base()
                + "/jobs/" + id + "/events")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        String finished = null;
        Pattern value = Pattern.compile("id=\"job-count\">(\\d+)<");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    events.add(event);
                } else if (line.startsWith("data: ")) {
                    Matcher m = value.matcher(line);
                    if ("progress".equals(event) && m.find()) {
                        done.add(Long.parseLong(m.group(1)));
                    }
                    if ("finished".equals(event)) {
                        finished = line;
                    }
                }
            }
        }
        assertThat(events).contains("progress").last().isEqualTo("finished");
        assertThat(done).isSorted().last().isNotEqualTo(0L);
        assertThat(done.stream().distinct().count()).as("the bar moved: %s", done).isGreaterThan(1);
        assertThat(finished).contains("data-state=\"SUCCEEDED\"").contains("max=\"3000\" value=\"3000\"")
                .contains("fetched=3000").doesNotContain("\n");
        assertThat(root.get("/").body()).contains("<dd class=\"col-6 followers\">3000</dd>");
        String list = root.get("/jobs").body();
        assertThat(list).contains("data-job=\"" + id + "\" data-kind=\"FOLLOWERS_FULL\" data-state=\"SUCCEEDED\"")
                .doesNotContain("hx-trigger=\"every 2s\"");
    }

    @Test
    @Order(2)
    void anInjectedErrcodeFailsTheSyncAndResumeFinishesIt() throws Exception {
        wechat.failPage(2, 45009);
        String id = startJob(root, "FOLLOWERS_FULL", 302);
        assertThat(awaitEnd(root, id)).isEqualTo("FAILED");
        String page = root.get("/jobs/" + id).body();
        assertThat(page).contains("id=\"job-error\"").contains("45009").contains("id=\"job-resume\"");
        HttpResponse<String> resumed = root.post("/jobs/" + id + "/resume", Map.of());
        assertThat(resumed.statusCode()).isEqualTo(302);
        Matcher m = JOB.matcher(resumed.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        String next = m.group(1);
        assertThat(awaitEnd(root, next)).isEqualTo("SUCCEEDED");
        assertThat(root.get("/jobs/" + next).body()).contains("Followers (new)").contains("fetched=2000");
    }

    @Test
    @Order(3)
    void aJobNeedsViewOnItsSectionToBeSeenAndEditToBeStartedOrCancelled() throws Exception {
        String id = root.get("/jobs").body().replaceAll("(?s).*data-job=\"([0-9a-f-]{36})\" data-kind=\"FOLLOWERS_FULL\".*",
                "$1");
        root.get("/admins");
        String viewerUrl = root.post("/admins", Map.of("username", "viewer", "password", "viewer-pass-1",
                "confirm", "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(viewerUrl);
        root.post(viewerUrl, Map.of("active", "on", "g.acme.followers", "view"));
        root.get("/admins");
        String menuUrl = root.post("/admins", Map.of("username", "menus", "password", "menus-pass-1",
                "confirm", "menus-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(menuUrl);
        root.post(menuUrl, Map.of("active", "on", "g.acme.menus", "edit"));

        Web viewer = new Web(jetty.base());
        viewer.signIn("viewer", "viewer-pass-1");
        assertThat(viewer.get("/jobs/" + id).statusCode()).isEqualTo(200);
        assertThat(viewer.get("/jobs/" + id).body()).doesNotContain("id=\"job-resume\"");
        assertThat(viewer.get("/jobs").body()).contains(id).doesNotContain("id=\"job-start\"");
        assertThat(viewer.post("/jobs/" + id + "/resume", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/jobs/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/jobs/start", Map.of("account", "acme", "kind", "FOLLOWERS_FULL")).statusCode())
                .isEqualTo(403);

        Web menus = new Web(jetty.base());
        menus.signIn("menus", "menus-pass-1");
        assertThat(menus.get("/jobs/" + id).statusCode()).isEqualTo(404);
        assertThat(menus.get("/jobs/" + id + "/events").statusCode()).isEqualTo(404);
        assertThat(menus.get("/jobs").body()).doesNotContain(id);
        assertThat(menus.post("/jobs/start", Map.of("account", "acme", "kind", "FOLLOWERS_FULL")).statusCode())
                .isEqualTo(403);
        String menuJob = startJob(menus, "MENUS", 302);
        assertThat(awaitEnd(menus, menuJob)).isEqualTo("SUCCEEDED");
        assertThat(menus.get("/jobs/not-a-job").statusCode()).isEqualTo(404);

        String audit = root.get("/audit?action=job.start").body();
        assertThat(audit).contains("FOLLOWERS_FULL " + id).contains("MENUS " + menuJob)
                .contains("already running: job " + id);
        assertThat(root.get("/audit?action=job.resume").body()).contains("resumes ");
    }

    @Test
    @Order(4)
    void metricsNeedTheTokenOrASuperuserAndTheDashboardShowsTheirFigures() throws Exception {
        Web anonymous = new Web(jetty.base());
        HttpResponse<String> none = anonymous.get("/metrics");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        HttpResponse<String> wrong = anonymous.http.send(HttpRequest.newBuilder(URI.create(jetty.base()
                + "/metrics")).header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> ok = anonymous.http.send(HttpRequest.newBuilder(URI.create(jetty.base()
                + "/metrics")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(ok.body()).contains("wechat_api_calls_seconds_count{account=\"acme\",errcode=\"45009\"")
                .contains("wechat_token_fetch_seconds_count{account=\"acme\"")
                .contains("wechat_sync_runs_seconds_count{account=\"acme\",kind=\"FOLLOWERS_FULL\",state=\"FAILED\"}")
                .contains("wechat_sync_refused_total{account=\"acme\",kind=\"FOLLOWERS_FULL\"} 1.0")
                .doesNotContain("acme-secret");
        assertThat(root.get("/metrics").statusCode()).isEqualTo(200);
        Web viewer = new Web(jetty.base());
        viewer.signIn("viewer", "viewer-pass-1");
        assertThat(viewer.get("/metrics").statusCode()).isEqualTo(403);

        String dash = root.get("/").body();
        assertThat(dash).containsPattern("<dd class=\"col-6 api-errors\">[1-9]\\d*</dd>")
                .containsPattern("<dd class=\"col-6 token-fetches\">[1-9]\\d*</dd>")
                .contains("class=\"callbacks-answered\">").contains("class=\"col-6 last-sync\"><a href=\"/jobs/");
    }
}
