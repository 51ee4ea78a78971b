package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The followers, tags and blacklist pages as a user meets them, on the demo stack (30 generated followers): search
 * and filters with Chinese text kept in the URL, bulk tagging (one batchtagging call), a remark pushed to WeChat,
 * system tags refused, tag create / rename / delete, the blacklist, the note, the CSV export, the avatar proxy, the
 * syncs as jobs, a viewer's writes refused and the audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowersIT {
    static final String A = "/a/" + AdminStack.ACCOUNT;
    static AdminStack stack;
    static Web web;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(30, Map.of());
        web = stack.web();
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // the demo's follower and tag syncs run at start
        while (true) {
            String list = web.get(A + "/followers?lang=en").body();
            String tags = web.get(A + "/tags").body();
            if (list.contains("30 followers") && tags.contains("id=\"members-100\">2<")) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the demo syncs did not finish:\n" + list + "\n" + tags);
            }
            Thread.sleep(300);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** A form POST with repeated fields and the CSRF token of the last page. */
    static HttpResponse<String> post(String path, String... kv) throws Exception {
        StringBuilder b = new StringBuilder("_csrf=").append(enc(web.csrf));
        for (int i = 0; i < kv.length; i += 2) {
            b.append('&').append(enc(kv[i])).append('=').append(enc(kv[i + 1]));
        }
        return web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String o(int i) {
        return WeChatDouble.openid(i);
    }

    @Test
    @Order(1)
    void searchAndFiltersWithChineseTextStayInTheUrl() throws Exception {
        stack.browser("zh-CN,zh;q=0.9");
        // the plain client signed in first and saved English as root's language: choose Chinese again
        stack.open(A + "/followers?lang=zh-CN");
        stack.type("q", "小明");
        new Select(stack.driver.findElement(By.id("subscribed"))).selectByValue("1");
        stack.driver.findElement(By.id("apply")).click();
        stack.wait.until(ExpectedConditions.urlContains("q="));
        assertThat(stack.driver.getCurrentUrl()).contains("q=" + enc("小明")).contains("subscribed=1");
        assertThat(stack.driver.findElements(By.cssSelector("#followers .follower-row"))).hasSize(3);
        assertThat(stack.driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("小明");
        assertThat(stack.shown("followers-total")).isEqualTo("共 3 位粉丝");

        new Select(stack.driver.findElement(By.id("tag"))).selectByValue("100");
        stack.driver.findElement(By.id("apply")).click();
        stack.wait.until(ExpectedConditions.urlContains("tag=100"));
        assertThat(stack.driver.getCurrentUrl()).contains("q=" + enc("小明"));
        List<WebElement> rows = stack.driver.findElements(By.cssSelector("#followers .follower-row"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("data-openid")).isEqualTo(o(0));
        assertThat(rows.get(0).getText()).contains("小明 1", "demo");
        stack.screenshot("followers-filter.png");

        // the same URL opened again (a bookmark) shows the same filter
        stack.open(A + "/followers?q=" + enc("小明") + "&tag=100&subscribed=1");
        assertThat(stack.driver.findElements(By.cssSelector("#followers .follower-row"))).hasSize(1);
        assertThat(new Select(stack.driver.findElement(By.id("tag"))).getFirstSelectedOption().getText())
                .isEqualTo("demo");
        // sorting by nickname keeps the filter
        stack.driver.findElement(By.id("sort-nickname")).click();
        stack.wait.until(ExpectedConditions.urlContains("sort=nickname"));
        assertThat(stack.driver.getCurrentUrl()).contains("tag=100", "q=" + enc("小明"));
    }

    @Test
    @Order(2)
    void aTagCreatedInTheBrowserThenBulkTaggingThreeFollowersMakesOneBatchtaggingCall() throws Exception {
        stack.open(A + "/tags");
        stack.type("new-name", "重要客户");
        stack.driver.findElement(By.id("create")).click();
        assertThat(stack.flash("标签已在微信和本地创建。")).isEqualTo("标签已在微信和本地创建。");
        assertThat(stack.wechat.requestBodies("/cgi-bin/tags/create").get(0)).contains("重要客户");
        WebElement row = stack.driver.findElements(By.cssSelector("#tags tbody tr")).stream()
                .filter(r -> r.getText().contains("重要客户")).findFirst().orElseThrow();
        String id = row.getAttribute("id").substring("tag-".length());

        int before = stack.wechat.requests("/cgi-bin/tags/members/batchtagging");
        stack.open(A + "/followers?sort=openid&dir=asc");
        for (int i = 3; i < 6; i++) {
            stack.driver.findElement(By.id("sel-" + o(i))).click();
        }
        new Select(stack.driver.findElement(By.id("bulk-action"))).selectByValue("tag");
        new Select(stack.driver.findElement(By.id("bulk-tag"))).selectByValue(id);
        stack.driver.findElement(By.id("bulk-go")).click();
        assertThat(stack.flash("已在微信和本地打上标签。")).isEqualTo("已在微信和本地打上标签。");
        assertThat(stack.driver.getCurrentUrl()).contains("sort=openid", "dir=asc");
        assertThat(stack.wechat.requests("/cgi-bin/tags/members/batchtagging")).isEqualTo(before + 1);
        String body = stack.wechat.requestBodies("/cgi-bin/tags/members/batchtagging").get(before);
        assertThat(body).contains("\"tagid\":" + id, o(3), o(4), o(5)).doesNotContain(o(6));
        stack.screenshot("followers-bulk-tagged.png");

        // the members link of the tag lists exactly them
        stack.open(A + "/tags");
        stack.driver.findElement(By.id("members-" + id)).click();
        stack.wait.until(ExpectedConditions.urlContains("tag=" + id));
        assertThat(stack.driver.findElements(By.cssSelector("#followers .follower-row"))).extracting(
                r -> r.getAttribute("data-openid")).containsExactlyInAnyOrder(o(3), o(4), o(5));
    }

    @Test
    @Order(3)
    void aRemarkEditIsPushedToWeChatThenShown() throws Exception {
        stack.open(A + "/followers/" + o(7));
        stack.type("remark", "大客户·张");
        stack.driver.findElement(By.id("save-remark")).click();
        assertThat(stack.flash("备注名已保存到微信和本地。")).isEqualTo("备注名已保存到微信和本地。");
        List<String> bodies = stack.wechat.requestBodies("/cgi-bin/user/info/updateremark");
        assertThat(bodies.get(bodies.size() - 1)).contains(o(7), "大客户·张");
        assertThat(stack.shown("remark-shown")).isEqualTo("大客户·张");
        // a refresh from WeChat keeps it (the double remembers it)
        ((org.openqa.selenium.JavascriptExecutor) stack.driver).executeScript("arguments[0].click();",
                stack.driver.findElement(By.id("refresh")));
        assertThat(stack.shown("remark-shown")).isEqualTo("大客户·张");
        stack.screenshot("followers-profile.png");
    }

    @Test
    @Order(4)
    void deletingSystemTagTwoIsRefusedBeforeAnyCall() throws Exception {
        int before = stack.wechat.requests("/cgi-bin/tags/delete");
        stack.open(A + "/tags");
        ((org.openqa.selenium.JavascriptExecutor) stack.driver).executeScript("window.confirm = function () { return true; };");
        stack.driver.findElement(By.id("delete-2")).click();
        assertThat(stack.shown("error")).isEqualTo("系统标签（0、1、2）不能重命名或删除。");
        assertThat(stack.wechat.requests("/cgi-bin/tags/delete")).isEqualTo(before);
        assertThat(stack.driver.findElement(By.id("tag-2")).getText()).contains("星标组");
        stack.screenshot("tags-system-refused.png");
    }

    @Test
    @Order(5)
    void tagsAreRenamedAndDeletedInWeChatFirst() throws Exception {
        web.get(A + "/tags?lang=en");
        HttpResponse<String> r = post(A + "/tags/create", "name", "临时");
        assertThat(r.statusCode()).isEqualTo(302);
        String tags = web.get(A + "/tags").body();
        String id = tags.replaceAll("(?s).*<tr id=\"tag-(\\d+)\">\\s*<td>\\d+</td>\\s*<td class=\"tag-name\">临时.*", "$1");
        assertThat(id).matches("\\d+");

        assertThat(post(A + "/tags/" + id + "/rename", "name", "临时2").statusCode()).isEqualTo(302);
        List<String> updates = stack.wechat.requestBodies("/cgi-bin/tags/update");
        assertThat(updates.get(updates.size() - 1)).contains("\"id\":" + id, "临时2");
        assertThat(web.get(A + "/tags").body()).contains("临时2");

        assertThat(post(A + "/tags/" + id + "/delete").statusCode()).isEqualTo(302);
        List<String> deletes = stack.wechat.requestBodies("/cgi-bin/tags/delete");
        assertThat(deletes.get(deletes.size() - 1)).contains("\"id\":" + id);
        assertThat(web.get(A + "/tags").body()).doesNotContain("临时2");

        // renaming a system tag is refused too; a name of 31 characters is refused before any call
        int calls = stack.wechat.requests("/cgi-bin/tags/create");
        HttpResponse<String> sys = post(A + "/tags/2/rename", "name", "x");
        assertThat(sys.statusCode()).isEqualTo(400);
        assertThat(sys.body()).contains("System tags (0, 1, 2) cannot be renamed or deleted.");
        HttpResponse<String> tooLong = post(A + "/tags/create", "name", "长".repeat(31));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("A tag name has 1 to 30 characters");
        assertThat(stack.wechat.requests("/cgi-bin/tags/create")).isEqualTo(calls);

        // WeChat's refusal shows its errcode in words and keeps the typed name
        stack.wechat.failNext("/cgi-bin/tags/create", 45056, "too many tags now, no need to add new");
        HttpResponse<String> refused = post(A + "/tags/create", "name", "第101个");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("WeChat refused (45056): The account already has 100 tags.",
                "value=\"第101个\"");
    }

    @Test
    @Order(6)
    void theBlacklistIsAddedRemovedAndSyncedThroughWeChat() throws Exception {
        web.get(A + "/blacklist");
        assertThat(post(A + "/blacklist/add", "openid", o(8) + "\n" + o(9)).statusCode()).isEqualTo(302);
        assertThat(stack.wechat.blacklisted()).containsExactlyInAnyOrder(o(8), o(9));
        String page = web.get(A + "/blacklist").body();
        assertThat(page).contains("2 blacklisted", o(8), o(9));

        assertThat(post(A + "/blacklist/remove", "openid", o(8)).statusCode()).isEqualTo(302);
        assertThat(stack.wechat.blacklisted()).containsExactly(o(9));
        assertThat(web.get(A + "/blacklist").body()).contains("1 blacklisted").doesNotContain(o(8));

        // blacklisted in WeChat directly (the console): a sync brings it in
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.wechat.baseUrl()
                + "/cgi-bin/tags/members/batchblacklist?access_token=x")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"openid_list\":[\"" + o(10) + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post(A + "/blacklist/sync").statusCode()).isEqualTo(302);
        assertThat(web.get(A + "/blacklist").body()).contains("2 blacklisted", o(9), o(10));

        // bulk "blacklist" from the follower list, and a follower that is not one is refused with WeChat's words
        web.get(A + "/followers");
        assertThat(post(A + "/followers/bulk", "action", "blacklist", "openid", o(11)).statusCode()).isEqualTo(302);
        assertThat(stack.wechat.blacklisted()).contains(o(11));
        HttpResponse<String> bad = post(A + "/blacklist/add", "openid", "oNotAFollower");
        assertThat(bad.statusCode()).isEqualTo(502);
        assertThat(bad.body()).contains("An openid is not a follower of this account.", "oNotAFollower");
    }

    @Test
    @Order(7)
    void theNoteIsStoredLocallyAndFiltersTheList() throws Exception {
        web.get(A + "/followers/" + o(12));
        int calls = stack.wechat.requests("/cgi-bin/user/info/updateremark");
        assertThat(post(A + "/followers/" + o(12) + "/note", "note", "=HYPERLINK(\"http://x\"),回访").statusCode())
                .isEqualTo(302);
        assertThat(stack.wechat.requests("/cgi-bin/user/info/updateremark")).isEqualTo(calls);
        assertThat(web.get(A + "/followers/" + o(12)).body()).contains(">=HYPERLINK(\"http://x\"),回访</textarea>");
        String list = web.get(A + "/followers?note=1").body();
        assertThat(list).contains("1 follower<", o(12));
        HttpResponse<String> long_ = post(A + "/followers/" + o(12) + "/note", "note", "x".repeat(2001));
        assertThat(long_.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void theProfileTagsAreSetWithOneCallPerChangeAndBulkUntagWorks() throws Exception {
        web.get(A + "/followers/" + o(14));
        int tagging = stack.wechat.requests("/cgi-bin/tags/members/batchtagging");
        assertThat(post(A + "/followers/" + o(14) + "/tags", "tag", "100", "tag", "2").statusCode()).isEqualTo(302);
        assertThat(stack.wechat.requests("/cgi-bin/tags/members/batchtagging")).isEqualTo(tagging + 2);
        assertThat(web.get(A + "/followers/" + o(14)).body()).contains("id=\"tag-100\" checked", "id=\"tag-2\" checked");
        assertThat(post(A + "/followers/" + o(14) + "/tags", "tag", "2").statusCode()).isEqualTo(302);
        List<String> untag = stack.wechat.requestBodies("/cgi-bin/tags/members/batchuntagging");
        assertThat(untag.get(untag.size() - 1)).contains("\"tagid\":100", o(14));
        web.get(A + "/followers");
        assertThat(post(A + "/followers/bulk", "action", "untag", "tagId", "2", "openid", o(14)).statusCode())
                .isEqualTo(302);
        assertThat(web.get(A + "/followers?tag=2").body()).doesNotContain(o(14));
        // an unknown tag is refused before any call
        int calls = stack.wechat.requests("/cgi-bin/tags/members/batchtagging");
        assertThat(post(A + "/followers/bulk", "action", "tag", "tagId", "777", "openid", o(14)).statusCode())
                .isEqualTo(400);
        assertThat(stack.wechat.requests("/cgi-bin/tags/members/batchtagging")).isEqualTo(calls);
    }

    @Test
    @Order(7)
    void pullingTagsReadsTheListFromWeChat() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.wechat.baseUrl()
                + "/cgi-bin/tags/create?access_token=x")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tag\":{\"name\":\"控制台建的\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        web.get(A + "/tags");
        assertThat(post(A + "/tags/pull").statusCode()).isEqualTo(302);
        assertThat(web.get(A + "/tags").body()).contains("控制台建的");
    }

    @Test
    @Order(8)
    void theCsvExportHasTheFilteredRowsWithFormulasDefused() throws Exception {
        HttpResponse<String> all = web.get(A + "/followers/export.csv");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = all.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFopenid,unionid,nickname,remark,sex,subscribed,subscribe_time,"
                + "subscribe_scene,qr_scene,qr_scene_str,tags,note,language,city,province,country");
        assertThat(lines).hasSize(31);
        String noted = java.util.Arrays.stream(lines).filter(l -> l.startsWith(o(12))).findFirst().orElseThrow();
        assertThat(noted).contains(",\"'=HYPERLINK(\"\"http://x\"\"),回访\",");
        String tagged = java.util.Arrays.stream(lines).filter(l -> l.startsWith(o(3))).findFirst().orElseThrow();
        assertThat(tagged).contains("重要客户");

        HttpResponse<String> filtered = web.get(A + "/followers/export.csv?q=" + enc("小明"));
        assertThat(filtered.body().split("\r\n")).hasSize(4);
        assertThat(filtered.body()).contains("小明 1", "小明 11", "小明 21");
    }

    @Test
    @Order(9)
    void avatarsComeThroughTheProxyFromAllowedHostsOnly() throws Exception {
        HttpResponse<byte[]> ok = web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + A + "/followers/"
                + o(1) + "/avatar")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(ok.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
        assertThat(web.get(A + "/followers").body()).doesNotContain(stack.wechat.baseUrl() + "/mmopen");

        // a profile whose headimgurl is on a foreign host: refreshed in, then refused by the proxy
        stack.wechat.avatar(o(13), "http://127.0.0.2:9/evil.png");
        web.get(A + "/followers");
        assertThat(post(A + "/followers/bulk", "action", "refresh", "openid", o(13)).statusCode()).isEqualTo(302);
        HttpResponse<String> refused = web.get(A + "/followers/" + o(13) + "/avatar");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(web.get(A + "/followers/oNobodyAtAll/avatar").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void theSyncsRunAsJobs() throws Exception {
        web.get(A + "/followers");
        HttpResponse<String> r = post(A + "/followers/sync", "kind", "incremental");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).matches(".*/jobs/[0-9a-f-]{36}");
        web.get(A + "/tags");
        HttpResponse<String> t = post(A + "/tags/sync");
        assertThat(t.headers().firstValue("Location").orElseThrow()).matches(".*/jobs/[0-9a-f-]{36}");
    }

    @Test
    @Order(11)
    void badInputAnswers400() throws Exception {
        assertThat(web.get(A + "/followers?page=abc").statusCode()).isEqualTo(400);
        assertThat(web.get(A + "/followers?q=" + "x".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(web.get(A + "/followers?from=2026-13-01").statusCode()).isEqualTo(400);
        assertThat(web.get(A + "/followers?subscribed=maybe").statusCode()).isEqualTo(400);
        assertThat(web.get(A + "/followers/" + o(0) + "/nothing").statusCode()).isEqualTo(404);
        web.get(A + "/followers/" + o(0));
        HttpResponse<String> longRemark = post(A + "/followers/" + o(0) + "/remark", "remark", "长".repeat(31));
        assertThat(longRemark.statusCode()).isEqualTo(400);
        assertThat(longRemark.body()).contains("value=\"" + "长".repeat(31) + "\"");
        // hostile text is shown as text
        assertThat(post(A + "/followers/" + o(0) + "/remark", "remark", "<img src=x onerror=alert(1)>").statusCode())
                .isEqualTo(302);
        String profile = web.get(A + "/followers/" + o(0)).body();
        assertThat(profile).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(web.get(A + "/followers?q=" + enc("<img")).body()).contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
    }

    @Test
    @Order(12)
    void aViewerSeesButCannotWrite() throws Exception {
        web.get("/admins");
        String url = web.post("/admins", Map.of("username", "fviewer", "password", "viewer-pass-12",
                "confirm", "viewer-pass-12")).headers().firstValue("Location").orElseThrow();
        web.get(url);
        Map<String, String> grants = new HashMap<>(Map.of("active", "on", "g.demo.followers", "view"));
        assertThat(web.post(url, grants).statusCode()).isEqualTo(302);
        Web viewer = new Web(stack.base());
        viewer.signIn("fviewer", "viewer-pass-12");
        HttpResponse<String> list = viewer.get(A + "/followers");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("id=\"bulk-go\"", "id=\"sync-full\"");
        int creates = stack.wechat.requests("/cgi-bin/tags/create");
        assertThat(viewer.post(A + "/tags/create", Map.of("name", "nope")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/followers/bulk", Map.of("action", "tag", "openid", o(1), "tagId", "100"))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/followers/" + o(1) + "/remark", Map.of("remark", "x")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post(A + "/blacklist/sync", Map.of()).statusCode()).isEqualTo(403);
        assertThat(stack.wechat.requests("/cgi-bin/tags/create")).isEqualTo(creates);
    }

    @Test
    @Order(13)
    void everyWriteIsAudited() throws Exception {
        String audit = web.get("/audit?account=demo").body();
        assertThat(audit).contains("tags.create", "tags.rename", "tags.delete", "followers.tag", "followers.remark",
                "followers.note", "followers.export", "blacklist.add", "blacklist.remove", "blacklist.sync",
                "followers.refresh", "followers.untag", "followers.tags", "tags.pull", "job.start", "45056", "40003");
    }
}
