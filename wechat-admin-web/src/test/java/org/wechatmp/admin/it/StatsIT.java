package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * QR codes, local statistics and WeChat statistics (issues 12 and 14) as a user meets them on the demo stack: a code
 * created in the browser, scanned and followed through by signed callbacks, its PNG downloaded; charts from seeded
 * callbacks in both languages; the data cube fetched once per past day and WeChat's errors shown; grants and audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatsIT {
    static final String A = AdminStack.ACCOUNT;
    static final Pattern ROW = Pattern.compile("id=\"qr-([0-9]+)\"");
    static AdminStack stack;
    static Web web;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(20, Map.of());
        web = stack.web();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** Waits (generously: the machine is loaded) until a condition holds. */
    static void eventually(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** The newest of the bodies the double received (they come oldest first). */
    static String last(List<String> bodies) {
        return bodies.get(bodies.size() - 1);
    }

    static String cell(String rowId, String cls) {
        stack.driver.navigate().refresh();
        return stack.driver.findElement(By.cssSelector("#" + rowId + " ." + cls)).getText().trim();
    }

    @Test
    @Order(1)
    void aCodeCreatedInTheBrowserCountsAScanAndAFollowerAndItsPngDownloads() throws Exception {
        stack.browser("en");
        stack.open("/a/" + A + "/qrcodes");
        stack.type("qr-scene", "spring-sale");
        stack.type("qr-label", "Spring <b>poster</b>");
        new Select(stack.driver.findElement(By.id("qr-kind"))).selectByValue("temporary");
        stack.type("qr-days", "7");
        stack.driver.findElement(By.id("qr-submit")).click();
        assertThat(stack.flash("created")).contains("created");
        String body = last(stack.wechat.requestBodies("/cgi-bin/qrcode/create"));
        assertThat(body).contains("\"QR_STR_SCENE\"", "\"scene_str\":\"spring-sale\"", "\"expire_seconds\":604800");
        WebElement row = stack.driver.findElement(By.cssSelector("#qr-list tbody tr"));
        String rowId = row.getAttribute("id");
        assertThat(row.getText()).contains("spring-sale", "Spring <b>poster</b>", "Temporary");
        // the thumbnail is served by the admin (never WeChat's host) and is a real image
        WebElement img = row.findElement(By.cssSelector("img.qr-thumb"));
        assertThat(img.getAttribute("src")).startsWith(stack.base() + "/a/" + A + "/qrcodes/");
        eventually("the thumbnail", () -> ((Number) stack.driver.executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", img)).intValue() > 0);
        assertThat(cell(rowId, "qr-scans")).isEqualTo("0");
        assertThat(cell(rowId, "qr-acquired")).isEqualTo("0");

        stack.callback(AdminStack.event("oScanner0001", "SCAN", "spring-sale"));
        eventually("1 scan", () -> "1".equals(cell(rowId, "qr-scans")));
        stack.callback(AdminStack.event("oNewFan00001", "subscribe", "qrscene_spring-sale"));
        eventually("1 follower acquired", () -> "1".equals(cell(rowId, "qr-acquired")));
        assertThat(cell(rowId, "qr-scans")).isEqualTo("1");
        stack.screenshot("qrcodes-list.png");

        String id = rowId.substring("qr-".length());
        HttpResponse<byte[]> png = web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + "/a/" + A
                + "/qrcodes/" + id + ".png?download=1")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;")
                .contains(".png");
        assertThat(png.body()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(web.get("/a/" + A + "/qrcodes/999999.png").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void badInputIsRefusedBeforeWeChatAndWeChatErrorsKeepTheInput() throws Exception {
        int calls = stack.wechat.requests("/cgi-bin/qrcode/create");
        web.get("/a/" + A + "/qrcodes");
        HttpResponse<String> r = web.post("/a/" + A + "/qrcodes", Map.of("scene", "x".repeat(65), "kind", "temporary",
                "days", "7", "label", ""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("1 to 64 characters");
        r = web.post("/a/" + A + "/qrcodes", Map.of("scene", "ok", "kind", "temporary", "days", "31", "label", ""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("1 to 30 days");
        assertThat(stack.wechat.requests("/cgi-bin/qrcode/create")).isEqualTo(calls);

        stack.wechat.failNext("/cgi-bin/qrcode/create", 45009, "reach max api daily quota limit");
        r = web.post("/a/" + A + "/qrcodes", Map.of("scene", "poster-2026", "kind", "permanent", "days", "",
                "label", "kept label"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("45009", "quota", "value=\"poster-2026\"", "value=\"kept label\"");
        r = web.post("/a/" + A + "/qrcodes", Map.of("scene", "poster-2026", "kind", "permanent", "days", "",
                "label", ""));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(last(stack.wechat.requestBodies("/cgi-bin/qrcode/create"))).contains("QR_LIMIT_STR_SCENE")
                .doesNotContain("expire_seconds");
        assertThat(web.get("/a/" + A + "/qrcodes?q=R-2026").body()).contains("poster-2026")
                .doesNotContain("spring-sale");
    }

    @Test
    @Order(3)
    void statsChartsRenderSeededCallbacksInBothLanguages() throws Exception {
        for (int i = 0; i < 3; i++) {
            stack.callback(AdminStack.text("oStats" + i, "价格"));
        }
        stack.callback(AdminStack.text("oStats9", "Opening hours"));
        stack.callback(AdminStack.text("oStats8", "<img src=x onerror=alert(1)>"));
        stack.callback(AdminStack.event("oStats1", "CLICK", "MENU_PRICE"));
        stack.callback(AdminStack.event("oStats2", "CLICK", "MENU_PRICE"));
        stack.callback(AdminStack.event("oStats3", "unsubscribe", null));
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        String range = "?from=" + today.minusDays(6) + "&to=" + today.plusDays(1);
        eventually("the keywords counted", () -> {
            try {
                String b = web.get("/a/" + A + "/stats" + range).body();
                return b.contains("价格: 3") && b.contains("MENU_PRICE: 2") && b.contains("· Lost: 1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the handlers that answered come from the message log, read into counters every few seconds
        eventually("the busiest handlers", () -> {
            try {
                String b = web.get("/a/" + A + "/stats" + range).body();
                int at = b.indexOf("id=\"chart-handlers\"");
                return at > 0 && b.indexOf("<rect", at) > 0 && b.indexOf("<rect", at) < b.indexOf("</figure>", at);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stack.open("/a/" + A + "/stats" + range + "&lang=zh-CN");
        assertThat(stack.driver.getCurrentUrl()).contains("from=" + today.minusDays(6));
        assertThat(stack.driver.findElement(By.id("range-from")).getAttribute("value"))
                .isEqualTo(today.minusDays(6).toString());
        stack.shown("chart-keywords", "热门关键词", "价格");
        assertThat(stack.driver.findElements(By.cssSelector("#chart-keywords svg rect")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(stack.driver.findElement(By.cssSelector("#chart-clicks svg")).getText()).contains("MENU_PRICE");
        assertThat(stack.driver.findElements(By.cssSelector("#chart-messages svg rect"))).isNotEmpty();
        assertThat(stack.driver.findElements(By.cssSelector("#chart-followers svg rect"))).isNotEmpty();
        assertThat(stack.driver.findElement(By.cssSelector("#chart-messages svg title")).getAttribute("textContent"))
                .isEqualTo("每日消息（按类型）");
        assertThat(stack.driver.findElement(By.cssSelector("#chart-messages table")).getAttribute("textContent"))
                .contains("文本");
        stack.screenshot("stats-zh.png");
        stack.open("/a/" + A + "/stats" + range + "&lang=en");
        stack.shown("chart-keywords", "Top keywords", "价格");
        stack.shown("chart-followers", "Followers gained and lost per day");
        assertThat(stack.driver.findElement(By.cssSelector("#chart-followers table")).getAttribute("textContent"))
                .contains("Lost");
        stack.screenshot("stats-en.png");
        // hostile input in the URL: refused plainly, the default range shown
        HttpResponse<String> bad = web.get("/a/" + A + "/stats?from=%3Cscript%3E&to=2026-01-01");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("<script>");
        String page = web.get("/a/" + A + "/stats" + range).body();
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(web.get("/a/" + A + "/stats?from=2020-01-01&to=2026-01-01").body()).contains("at most 366 days");
    }

    @Test
    @Order(4)
    void theDataCubeAsksWeChatOncePerPastDayAndShowsItsErrors() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String range = "&from=" + today.minusDays(10) + "&to=" + today.minusDays(4);
        int before = stack.wechat.requests("/datacube/getusersummary");
        stack.open("/a/" + A + "/datacube?report=users" + range);
        stack.shown("cube-users", "New and cancelled followers");
        assertThat(stack.driver.findElements(By.cssSelector("#cube-users svg rect"))).hasSizeGreaterThanOrEqualTo(14);
        stack.shown("cube-source", "Days from the cache: 0", "asked of WeChat now: 14");
        int after = stack.wechat.requests("/datacube/getusersummary");
        assertThat(after).isGreaterThan(before);
        assertThat(stack.wechat.requestBodies("/datacube/getusersummary").get(0))
                .contains("\"begin_date\":\"" + today.minusDays(10) + "\"",
                        "\"end_date\":\"" + today.minusDays(4) + "\"");
        stack.screenshot("datacube-users-en.png");
        // the same past range again: from the cache, WeChat not asked
        stack.open("/a/" + A + "/datacube?report=users" + range + "&lang=zh-CN");
        stack.shown("cube-source", "来自缓存的天数：14", "本次向微信请求的天数：0");
        assertThat(stack.wechat.requests("/datacube/getusersummary")).isEqualTo(after);
        assertThat(stack.wechat.requests("/datacube/getusercumulate")).isEqualTo(1);
        stack.screenshot("datacube-users-zh.png");
        for (String report : List.of("articles", "messages", "interface")) {
            stack.open("/a/" + A + "/datacube?report=" + report + range);
            assertThat(stack.driver.findElements(By.cssSelector("svg rect"))).as(report).isNotEmpty();
        }
        assertThat(stack.wechat.requests("/datacube/getarticlesummary")).isEqualTo(7);

        // WeChat's span error shown plainly, with its errcode
        stack.wechat.failNext("/datacube/getinterfacesummary", 61501, "date range error");
        stack.open("/a/" + A + "/datacube?report=interface&from=" + today.minusDays(40) + "&to="
                + today.minusDays(20) + "&lang=en");
        stack.shown("range-error", "61501", "date range is wrong");
        // a range longer than the page asks for is refused before WeChat
        int calls = stack.wechat.requests("/datacube/getusersummary");
        HttpResponse<String> r = web.get("/a/" + A + "/datacube?report=users&from=" + today.minusDays(200) + "&to="
                + today.minusDays(1));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("at most 92 days");
        assertThat(stack.wechat.requests("/datacube/getusersummary")).isEqualTo(calls);
        // today is never cached: asked again each time
        int todayCalls = stack.wechat.requests("/datacube/getupstreammsg");
        web.get("/a/" + A + "/datacube?report=messages&from=" + today + "&to=" + today);
        web.get("/a/" + A + "/datacube?report=messages&from=" + today + "&to=" + today);
        assertThat(stack.wechat.requests("/datacube/getupstreammsg")).isEqualTo(todayCalls + 2);
    }

    @Test
    @Order(5)
    void aViewerSeesButCannotCreateAndEveryWriteIsAudited() throws Exception {
        web.get("/admins");
        HttpResponse<String> r = web.post("/admins", Map.of("username", "viewer", "password", "viewer-password-1",
                "confirm", "viewer-password-1"));
        assertThat(r.statusCode()).isEqualTo(302);
        String to = r.headers().firstValue("Location").orElseThrow();
        String id = to.substring(to.lastIndexOf('/') + 1);
        web.get("/admins/" + id);
        Map<String, String> grants = new HashMap<>();
        grants.put("active", "on");
        grants.put("g." + A + ".followers", "view");
        grants.put("g." + A + ".messages", "view");
        assertThat(web.post("/admins/" + id, grants).statusCode()).isEqualTo(302);

        Web viewer = new Web(stack.base());
        assertThat(viewer.signIn("viewer", "viewer-password-1").statusCode()).isEqualTo(302);
        HttpResponse<String> list = viewer.get("/a/" + A + "/qrcodes");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("spring-sale").doesNotContain("id=\"qr-create\"");
        Matcher m = ROW.matcher(list.body());
        assertThat(m.find()).isTrue();
        assertThat(viewer.get("/a/" + A + "/qrcodes/" + m.group(1) + ".png").statusCode()).isEqualTo(200);
        int calls = stack.wechat.requests("/cgi-bin/qrcode/create");
        assertThat(viewer.post("/a/" + A + "/qrcodes", Map.of("scene", "sneaky", "kind", "permanent")).statusCode())
                .isEqualTo(403);
        assertThat(stack.wechat.requests("/cgi-bin/qrcode/create")).isEqualTo(calls);
        assertThat(viewer.get("/a/" + A + "/stats").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/a/" + A + "/datacube").statusCode()).isEqualTo(200);

        String audit = web.get("/audit?action=qrcode.create").body();
        assertThat(audit).contains("spring-sale", "poster-2026", "45009");
        assertThat(web.get("/audit?action=datacube.fetch").body()).contains("usersummary", "61501");
    }
}
