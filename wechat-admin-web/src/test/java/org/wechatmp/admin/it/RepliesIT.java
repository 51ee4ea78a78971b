package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The auto-replies section as a user meets it (issue 13): create a handler and see a signed callback answered by
 * it, simulate without side effects, disable and window, console import twice, invalid regex, inline weight,
 * filters in the URL, JSON export/import into a second account, forward URL checks, a viewer's 403, audit rows.
 * One demo stack; the methods run in order like one session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepliesIT {
    static final String A = AdminStack.ACCOUNT;
    static final String BASE = "/a/" + A + "/replies";
    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";
    static final ObjectMapper JSON = new ObjectMapper();
    static AdminStack stack;
    static long helloId;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(20, Map.of());
        stack.browser("en");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static void click(String id) {
        WebElement e = stack.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        stack.wait.until(ExpectedConditions.elementToBeClickable(e)).click();
    }

    static void select(String id, String value) {
        new Select(stack.driver.findElement(By.id(id))).selectByValue(value);
    }

    static int uploads() {
        return stack.wechat.requests("/cgi-bin/material/add_material") + stack.wechat.requests("/cgi-bin/media/upload")
                + stack.wechat.requests("/cgi-bin/material/add_news");
    }

    static void acceptConfirm() {
        stack.wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** The form fields of the "hello" handler, as a browser without JS posts them. */
    static Map<String, String> helloForm(String startsAt, String endsAt) {
        Map<String, String> f = new HashMap<>(Map.of("name", "hello", "enabled", "on", "weight", "0", "startsAt",
                startsAt, "endsAt", endsAt, "strategy", "REPLY_ALL", "r0.type", "CONTAINS", "r0.value", "hello",
                "r0.key", "", "p0.type", "TEXT"));
        f.put("p0.content", "Hi there!");
        return f;
    }

    @Test
    @Order(1)
    void createHelloThenSimulateShowsItAndARealCallbackGetsTheReply() throws Exception {
        stack.open(BASE + "/new");
        stack.type("name", "hello");
        select("r0.type", "CONTAINS");
        stack.type("r0.value", "hello");
        select("p0.type", "TEXT");
        stack.type("p0.content", "Hi there!");
        assertThat(stack.driver.findElement(By.id("p0.mediaId")).isDisplayed()).as("fields of other reply types "
                + "are hidden by the page script").isFalse();
        stack.screenshot("replies-form.png");
        click("save");
        stack.wait.until(ExpectedConditions.urlMatches(".*/replies$"));
        assertThat(stack.flash("saved")).contains("saved");
        WebElement link = stack.driver.findElement(By.linkText("hello"));
        helloId = Long.parseLong(link.getAttribute("id").substring("name-".length()));
        assertThat(stack.shown("source-" + helloId)).isEqualTo("Own");
        stack.screenshot("replies-list.png");

        int sends = stack.wechat.requests(CUSTOM_SEND);
        stack.open(BASE + "/simulate");
        select("sim-type", "text");
        stack.type("sim-text", "well hello you");
        click("sim-run");
        assertThat(stack.shown("sim-handler")).isEqualTo("hello");
        stack.shown("sim-rule", "text contains", "hello");
        stack.shown("sim-replies", "Hi there!");
        assertThat(stack.driver.getCurrentUrl()).contains("type=text", "text=well+hello+you");
        stack.screenshot("replies-simulate.png");
        assertThat(stack.wechat.requests(CUSTOM_SEND)).as("a simulation sends nothing").isEqualTo(sends);

        assertThat(stack.callback(AdminStack.text("oRepliesIT1", "hello"))).contains("Hi there!");
    }

    @Test
    @Order(2)
    void disabledMeansNoReplyAndAWindowInThePastMeansNoReply() throws Exception {
        stack.open(BASE + "?q=hello");
        click("toggle-" + helloId);
        stack.wait.until(ExpectedConditions.textToBe(By.id("state-" + helloId), "disabled"));
        assertThat(stack.driver.getCurrentUrl()).as("htmx swapped the row in place").contains("?q=hello");
        assertThat(stack.callback(AdminStack.text("oRepliesIT2", "hello"))).doesNotContain("Hi there!");
        stack.open(BASE + "/simulate?type=text&text=hello");
        assertThat(stack.driver.findElement(By.id("sim-result")).getText()).contains("disabled");

        stack.open(BASE + "?q=hello");
        click("toggle-" + helloId);
        stack.wait.until(ExpectedConditions.textToBe(By.id("state-" + helloId), "available"));
        assertThat(stack.callback(AdminStack.text("oRepliesIT3", "hello"))).contains("Hi there!");

        Web web = stack.web();
        web.get(BASE + "/" + helloId);
        HttpResponse<String> past = web.post(BASE + "/" + helloId, helloForm("2020-01-01T00:00",
                "2020-01-02T00:00"));
        assertThat(past.statusCode()).isEqualTo(302);
        assertThat(stack.callback(AdminStack.text("oRepliesIT4", "hello"))).doesNotContain("Hi there!");
        assertThat(web.get(BASE + "/simulate?type=text&text=hello").body()).contains("its window has ended");
        assertThat(web.get(BASE + "?q=hello").body()).contains("id=\"state-" + helloId + "\">ended<");
        assertThat(web.get(BASE + "?q=hello&available=1").body()).as("'available now' uses the window")
                .contains("id=\"replies-empty\"");
        web.get(BASE + "/" + helloId);
        assertThat(web.post(BASE + "/" + helloId, helloForm("", "")).statusCode()).isEqualTo(302);
        assertThat(stack.callback(AdminStack.text("oRepliesIT5", "hello"))).contains("Hi there!");
    }

    @Test
    @Order(3)
    void consoleImportTwiceShowsImportedHandlersWithoutDuplicatesAndAnErrcodeIsShown() throws Exception {
        int uploads = uploads();
        stack.open(BASE);
        click("import-console");
        acceptConfirm();
        stack.wait.until(ExpectedConditions.urlContains("source=IMPORTED"));
        int first = stack.driver.findElements(By.cssSelector("#handlers tbody tr")).size();
        assertThat(first).isGreaterThanOrEqualTo(5);
        assertThat(stack.driver.findElements(By.cssSelector(".source-imported"))).hasSize(first);
        assertThat(stack.driver.findElement(By.id("handlers")).getText()).contains("营业时间", "新品推荐", "Imported");
        stack.screenshot("replies-imported.png");

        stack.open(BASE);
        click("import-console");
        acceptConfirm();
        stack.wait.until(ExpectedConditions.urlContains("source=IMPORTED"));
        assertThat(stack.driver.findElements(By.cssSelector("#handlers tbody tr"))).hasSize(first);
        assertThat(stack.driver.findElements(By.linkText("新品推荐"))).hasSize(1);
        assertThat(uploads()).as("the import never uploads a material").isEqualTo(uploads);

        stack.open(BASE + "/simulate?type=text&text=" + java.net.URLEncoder.encode("有新品吗",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stack.shown("sim-handler")).isEqualTo("新品推荐");
        stack.shown("sim-replies", "本周新品：手冲咖啡礼盒");

        stack.wechat.autoReplyError(48001);
        try {
            stack.open(BASE);
            click("import-console");
            acceptConfirm();
            stack.shown("replies-error", "48001", "not authorized");
        } finally {
            stack.wechat.autoReplyError(0);
        }
        stack.open(BASE + "?source=IMPORTED");
        assertThat(stack.driver.findElements(By.cssSelector("#handlers tbody tr"))).as("a failed import keeps the "
                + "imported handlers").hasSize(first);
    }

    @Test
    @Order(4)
    void anInvalidRegexIsRefusedWithAClearMessageAndTheInputKept() throws Exception {
        stack.open(BASE + "/new");
        stack.type("name", "broken regex");
        select("r0.type", "REGEX");
        stack.type("r0.value", "([a-z");
        select("p0.type", "TEXT");
        stack.type("p0.content", "never");
        click("save");
        stack.shown("form-problems", "([a-z", "regular expression", "not valid");
        assertThat(stack.driver.findElement(By.id("r0.value")).getAttribute("value")).isEqualTo("([a-z");
        assertThat(stack.driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("broken regex");
        assertThat(stack.driver.findElement(By.id("p0.content")).getAttribute("value")).isEqualTo("never");
        stack.screenshot("replies-invalid-regex.png");
    }

    @Test
    @Order(5)
    void theWeightIsEditedInlineAndPersistsWithAndWithoutJavaScript() throws Exception {
        stack.open(BASE + "?q=hello");
        WebElement row = stack.driver.findElement(By.id("h-" + helloId));
        stack.type("weight-" + helloId, "42");
        click("weight-save-" + helloId);
        stack.wait.until(ExpectedConditions.stalenessOf(row)); // htmx swapped the row
        assertThat(stack.driver.findElement(By.id("weight-" + helloId)).getAttribute("value")).isEqualTo("42");
        assertThat(stack.driver.getCurrentUrl()).endsWith("?q=hello");
        stack.open(BASE + "?q=hello");
        assertThat(stack.driver.findElement(By.id("weight-" + helloId)).getAttribute("value")).isEqualTo("42");

        Web web = stack.web();
        web.get(BASE);
        HttpResponse<String> plain = web.post(BASE + "/" + helloId + "/weight", Map.of("weight", "7", "back",
                "?q=hello"));
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location").orElseThrow()).endsWith(BASE + "?q=hello");
        assertThat(web.get(BASE + "?q=hello").body()).contains("id=\"weight-" + helloId + "\" value=\"7\"");
        assertThat(web.post(BASE + "/" + helloId + "/weight", Map.of("weight", "x")).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void filtersAndSearchLiveInTheUrl() {
        stack.open(BASE);
        stack.type("f-q", "hello");
        driverCheck("f-available");
        select("f-source", "SELF");
        click("filter");
        stack.wait.until(ExpectedConditions.urlContains("q=hello"));
        assertThat(stack.driver.getCurrentUrl()).contains("available=1", "source=SELF");
        assertThat(stack.driver.findElements(By.cssSelector("#handlers tbody tr"))).hasSize(1);
        assertThat(stack.driver.findElement(By.id("handlers")).getText()).contains("hello");

        stack.open(BASE + "?rule=EQUALS");
        assertThat(stack.driver.findElement(By.id("handlers")).getText()).contains("营业时间").doesNotContain("Hi there");
        stack.open(BASE + "?q=" + java.net.URLEncoder.encode("COFFEE10", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stack.driver.findElement(By.id("handlers")).getText()).as("search covers reply content")
                .contains("优惠券");
        assertThat(new Select(stack.driver.findElement(By.id("f-source"))).getFirstSelectedOption()
                .getAttribute("value")).isEmpty();
    }

    static void driverCheck(String id) {
        WebElement box = stack.driver.findElement(By.id(id));
        if (!box.isSelected()) {
            box.click();
        }
    }

    @Test
    @Order(7)
    void jsonExportImportsIntoASecondAccountAndRoundTrips() throws Exception {
        Web web = stack.web();
        web.get("/accounts/new");
        assertThat(web.post("/accounts/new", Map.of("name", "second", "title", "Second", "type", "SERVICE",
                "appId", "wxsecond", "encryptMode", "PLAIN")).statusCode()).isEqualTo(302);
        HttpResponse<String> exported = web.get(BASE + "/export");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment",
                ".json");
        JsonNode source = JSON.readTree(exported.body());
        int count = source.path("handlers").size();
        assertThat(count).isGreaterThanOrEqualTo(6);
        // a handler that could not answer (a news reply without its material, as the menu import makes for a news
        // value button) is reported and skipped, not copied
        java.util.List<JsonNode> valid = new java.util.ArrayList<>();
        for (JsonNode h : source.path("handlers")) {
            boolean broken = false;
            for (JsonNode r : h.path("replies")) {
                broken |= "NEWS".equals(r.path("type").asText()) && r.path("mediaId").asText("").isEmpty();
            }
            if (!broken) {
                valid.add(h);
            }
        }
        int skipped = count - valid.size();

        web.get("/a/second/replies/import");
        HttpResponse<String> report = web.post("/a/second/replies/import", Map.of("json", exported.body()));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains(valid.size() + " imported, " + skipped + " skipped");
        HttpResponse<String> again = web.post("/a/second/replies/import", Map.of("json", exported.body()));
        assertThat(again.body()).as("importing twice adds nothing").contains("0 imported, " + count + " skipped",
                "already present");

        JsonNode copy = JSON.readTree(web.get("/a/second/replies/export").body());
        assertThat(normalized(copy)).as("same handlers, same engine order").isEqualTo(normalized(
                JSON.valueToTree(valid)));
        assertThat(web.get("/a/second/replies?source=SELF").body()).contains("hello", "新品推荐");
        assertThat(web.get("/a/second/replies/simulate?type=text&text=%E6%96%B0%E5%93%81").body())
                .as("the news articles travelled with the file").contains("本周新品：手冲咖啡礼盒");

        HttpResponse<String> bad = web.post("/a/second/replies/import", Map.of("json", "{\"not\":\"ours\"}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not a handler export", ">{\"not\":\"ours\"}</textarea>");
    }

    /** The handlers without what differs by design between accounts: source (imports become own). */
    static JsonNode normalized(JsonNode handlers) {
        JsonNode list = handlers.isArray() ? handlers : handlers.path("handlers");
        for (JsonNode h : list) {
            ((ObjectNode) h).remove("source");
        }
        return list;
    }

    @Test
    @Order(8)
    void forwardUrlsAreCheckedForSchemeAndInternalHosts() throws Exception {
        Web web = stack.web();
        Map<String, String> f = new HashMap<>(Map.of("name", "fwd", "enabled", "on", "weight", "0", "strategy",
                "REPLY_ALL", "r0.type", "EQUALS", "r0.value", "fwd", "r0.key", "", "p0.type", "FORWARD"));
        f.put("p0.url", "http://127.0.0.1:9/hook");
        web.get("/a/second/replies/new");
        HttpResponse<String> internal = web.post("/a/second/replies/new", f);
        assertThat(internal.statusCode()).isEqualTo(400);
        assertThat(internal.body()).contains("loopback, private or link-local", "value=\"http://127.0.0.1:9/hook\"");
        f.put("p0.url", "http://169.254.169.254/latest/meta-data");
        assertThat(web.post("/a/second/replies/new", f).body()).contains("169.254.169.254");
        f.put("p0.url", "file:///etc/passwd");
        assertThat(web.post("/a/second/replies/new", f).body()).contains("not a valid forward URL");
        // the demo account's API base is the local double: local forwards are allowed there
        f.put("p0.url", "http://127.0.0.1:9/hook");
        web.get(BASE + "/new");
        assertThat(web.post(BASE + "/new", f).statusCode()).isEqualTo(302);
        String sim = web.get(BASE + "/simulate?type=text&text=fwd").body();
        assertThat(sim).contains("would forward the message to http://127.0.0.1:9/hook");
    }

    @Test
    @Order(9)
    void aViewerSeesTheHandlersButItsPostsGet403() throws Exception {
        Web root = stack.web();
        root.get("/admins");
        String viewerUrl = root.post("/admins", Map.of("username", "replyviewer", "password", "viewer-pass-1",
                "confirm", "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(viewerUrl);
        assertThat(root.post(viewerUrl, Map.of("active", "on", "g." + A + ".replies", "view")).statusCode())
                .isEqualTo(302);
        Web viewer = new Web(stack.base());
        viewer.signIn("replyviewer", "viewer-pass-1");
        HttpResponse<String> list = viewer.get(BASE);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("hello").doesNotContain("id=\"toggle-").doesNotContain("id=\"new-handler\"");
        assertThat(viewer.get(BASE + "/simulate?type=text&text=hello").statusCode()).isEqualTo(200);
        assertThat(viewer.post(BASE + "/new", helloForm("", "")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/" + helloId + "/toggle", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/" + helloId + "/weight", Map.of("weight", "1")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/" + helloId + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/import-console", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/import", Map.of("json", "{}")).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/a/second/replies").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void everyWriteIsAudited() throws Exception {
        String audit = stack.web().get("/audit?account=" + A).body();
        assertThat(audit).contains("replies.create", "replies.update", "replies.disable", "replies.enable",
                "replies.weight", "replies.import.console");
        Matcher failed = Pattern.compile("replies\\.import\\.console</td><td>[^<]*</td><td>error</td><td>48001")
                .matcher(audit);
        assertThat(failed.find()).as("the failed import is audited with its errcode").isTrue();
        assertThat(stack.web().get("/audit?account=second").body()).contains("replies.import.json");
    }

    @Test
    @Order(11)
    void deletingAsksAndRemovesTheHandler() throws Exception {
        stack.open(BASE + "/" + helloId);
        click("delete");
        acceptConfirm();
        stack.wait.until(ExpectedConditions.urlMatches(".*/replies$"));
        assertThat(stack.driver.findElements(By.linkText("hello"))).isEmpty();
        assertThat(stack.callback(AdminStack.text("oRepliesIT6", "hello"))).doesNotContain("Hi there!");
        assertThat(stack.web().get(BASE + "/" + helloId).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(12)
    void aNewsReplyFromAPublishedArticleAndFromTheMaterialPicker() throws Exception {
        stack.open(BASE + "/new");
        assertThat(stack.driver.findElements(By.cssSelector("#dl-materials option"))).as("the picker lists the "
                + "stored materials").isNotEmpty();
        stack.type("name", "moved");
        select("r0.type", "EQUALS");
        stack.type("r0.value", "搬家");
        select("p0.type", "NEWS");
        assertThat(stack.driver.findElement(By.id("p0.articleId")).isDisplayed()).isTrue();
        assertThat(stack.driver.findElement(By.id("p0.mediaId")).getAttribute("list")).as("the picker offers news "
                + "materials for a news reply").isEqualTo("dl-m-news");
        assertThat(stack.driver.findElement(By.id("p0.content")).isDisplayed()).isFalse();
        stack.type("p0.articleId", "nope");
        click("save");
        stack.shown("form-problems", "nope", "53600", "article id is not valid");
        assertThat(stack.driver.findElement(By.id("p0.articleId")).getAttribute("value")).isEqualTo("nope");
        stack.type("p0.articleId", "ARTICLE_ID_DEMO_PUBLISHED");
        click("save");
        stack.wait.until(ExpectedConditions.urlMatches(".*/replies$"));
        assertThat(stack.wechat.requestBodies("/cgi-bin/freepublish/getarticle").get(1))
                .contains("ARTICLE_ID_DEMO_PUBLISHED");
        String reply = stack.callback(AdminStack.text("oRepliesIT7", "搬家"));
        assertThat(reply).contains("门店搬迁公告", "<ArticleCount>1</ArticleCount>");

        Web web = stack.web();
        String form = web.get(BASE + "/new").body();
        assertThat(form).doesNotContain("list=\"null\"").doesNotContain("list=\"\"");
        Matcher image = Pattern.compile("<option value=\"([^\"]+)\">image ").matcher(form);
        assertThat(image.find()).as("image materials are offered").isTrue();
        Map<String, String> f = new HashMap<>(Map.of("name", "picture", "enabled", "on", "weight", "0", "strategy",
                "REPLY_ALL", "r0.type", "EQUALS", "r0.value", "picture", "r0.key", "", "p0.type", "IMAGE"));
        f.put("p0.mediaId", image.group(1));
        assertThat(web.post(BASE + "/new", f).statusCode()).isEqualTo(302);
        assertThat(stack.callback(AdminStack.text("oRepliesIT8", "picture"))).contains("<Image>", image.group(1));
    }

    @Test
    @Order(13)
    void moreRowsAddsBlankRowsWithoutSavingAndAnEditedImportedHandlerStaysImported() throws Exception {
        Web web = stack.web();
        web.get(BASE + "/new");
        Map<String, String> f = new HashMap<>(helloForm("", ""));
        f.put("name", "not saved");
        f.put("more", "1");
        HttpResponse<String> more = web.post(BASE + "/new", f);
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(more.body()).contains("name=\"r2.type\"", "name=\"p2.type\"", "value=\"not saved\"");
        assertThat(web.get(BASE + "?q=not+saved").body()).contains("id=\"replies-empty\"");

        String list = web.get(BASE + "?source=IMPORTED&q=" + java.net.URLEncoder.encode("优惠券",
                java.nio.charset.StandardCharsets.UTF_8)).body();
        Matcher id = Pattern.compile("id=\"name-(\\d+)\"").matcher(list);
        assertThat(id.find()).isTrue();
        String page = web.get(BASE + "/" + id.group(1)).body();
        assertThat(page).contains("id=\"imported-note\"");
        HttpResponse<String> zh = web.get(BASE + "?lang=zh-CN");
        assertThat(zh.body()).contains("从公众平台导入", "模拟消息", "已导入");
        stack.open(BASE + "/new");
        stack.screenshot("replies-form-zh.png");
        stack.open(BASE + "/simulate?type=text&text=" + java.net.URLEncoder.encode("几点开门",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stack.shown("sim-handler")).isEqualTo("营业时间");
        stack.shown("sim-rule", "文本包含");
        stack.screenshot("replies-simulate-zh.png");
        web.get(BASE + "?lang=en");
    }

    @Test
    @Order(14)
    void aJsonFileChosenInTheBrowserIsImportedAndEventsSimulateAndNamesAreEscaped() throws Exception {
        Web web = stack.web();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("handlers-", ".json");
        java.nio.file.Files.writeString(file, web.get(BASE + "/export").body());
        stack.open("/a/second/replies/import");
        stack.driver.findElement(By.id("json-file")).sendKeys(file.toAbsolutePath().toString());
        stack.wait.until(d -> d.findElement(By.id("json")).getAttribute("value").contains("wechat-admin-handlers"));
        click("import-submit");
        stack.shown("import-summary", "imported", "skipped");
        stack.screenshot("replies-import-json.png");
        java.nio.file.Files.deleteIfExists(file);

        String menuKey = Pattern.compile("value=\"(wechatmp:[0-9a-f]+)\"").matcher(web.get(BASE + "/"
                + firstId(web, "menu: text")).body()).results().findFirst().orElseThrow().group(1);
        String sim = web.get(BASE + "/simulate?type=event&event=CLICK&key=" + menuKey + "&openid=oSomeone").body();
        assertThat(sim).contains("id=\"sim-handler\"", "menu: text", "This is text!", "value=\"oSomeone\"");
        assertThat(web.get(BASE + "/simulate?type=event&event=").statusCode()).isEqualTo(400);

        String xss = "<img src=x onerror=alert(1)>";
        Map<String, String> f = new HashMap<>(helloForm("", ""));
        f.put("name", xss);
        f.put("p0.content", xss);
        web.get(BASE + "/new");
        assertThat(web.post(BASE + "/new", f).statusCode()).isEqualTo(302);
        String list = web.get(BASE + "?q=onerror").body();
        assertThat(list).doesNotContain(xss).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    static String firstId(Web web, String name) throws Exception {
        String list = web.get(BASE + "?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .body();
        Matcher m = Pattern.compile("id=\"name-(\\d+)\">" + Pattern.quote(name) + "<").matcher(list);
        assertThat(m.find()).as(name + " in the list").isTrue();
        return m.group(1);
    }
}
