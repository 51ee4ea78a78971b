package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * The menus section as an operator uses it, in Chromium on the demo stack: import the live menu, add a sub-button,
 * a 17-byte top-level name refused before any WeChat call, reorder, publish (the exact {@code menu/create} body),
 * history and restore, a conditional menu by tag (and 65320 for a sex rule), try-match, delete; then over plain
 * HTTP a viewer's and an editor's limits and the audit rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MenusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MENU = "/a/" + AdminStack.ACCOUNT + "/menu";
    static AdminStack stack;

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

    /** Clicks a button that submits, and waits for the next page. */
    private static void submit(String id) {
        WebElement e = stack.driver.findElement(By.id(id));
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", e);
        try {
            e.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException x) {
            Object r = stack.driver.executeScript("var b = arguments[0].getBoundingClientRect(); var o = "
                    + "document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return (o ? o.outerHTML"
                    + ".substring(0, 300) : 'none') + ' at ' + JSON.stringify(b) + ' inner ' + window.innerHeight;", e);
            throw new AssertionError("covered by " + r, x);
        }
        gone(e);
    }

    /** Waits until an element of the old page is gone (Chrome may answer mid-navigation with another error). */
    private static void gone(WebElement e) {
        stack.wait.until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException x) {
                return true;
            }
        });
    }

    private static String value(String id) {
        return stack.driver.findElement(By.id(id)).getAttribute("value");
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static int creates() {
        return stack.wechat.requests("/cgi-bin/menu/create");
    }

    @Test
    @Order(1)
    void importTheLiveMenuWithTheConsolesValueButtons() throws Exception {
        stack.open(MENU);
        int before = stack.wechat.requests("/cgi-bin/get_current_selfmenu_info");
        submit("menu-import");
        assertThat(stack.flash("imported")).contains("imported");
        assertThat(stack.wechat.requests("/cgi-bin/get_current_selfmenu_info")).isEqualTo(before + 1);
        assertThat(value("b0-name")).isEqualTo("button");
        assertThat(value("b0-s0-name")).isEqualTo("view_url");
        assertThat(value("b0-s0-url")).isEqualTo("http://www.qq.com");
        // the console's text value button became a click button with a generated key (and a handler)
        assertThat(value("b1-name")).isEqualTo("text");
        assertThat(value("b1-type")).isEqualTo("click");
        assertThat(value("b1-key")).startsWith("wechatmp:");
        stack.shown("menu-preview", "button", "text", "photo", "view_url");
        stack.screenshot("menus-imported.png");
    }

    @Test
    @Order(2)
    void addASubButton() throws Exception {
        stack.open(MENU);
        submit("b1-addsub");
        assertThat(value("b1-s0-name")).isEqualTo("New button");
        // admin.js shows only the fields of the chosen type
        assertThat(stack.driver.findElement(By.id("b1-s0-key")).isDisplayed()).isTrue();
        assertThat(stack.driver.findElement(By.id("b1-s0-url")).isDisplayed()).isFalse();
        new Select(stack.driver.findElement(By.id("b1-s0-type"))).selectByValue("view");
        assertThat(stack.driver.findElement(By.id("b1-s0-url")).isDisplayed()).isTrue();
        assertThat(stack.driver.findElement(By.id("b1-s0-key")).isDisplayed()).isFalse();
        new Select(stack.driver.findElement(By.id("b1-s0-type"))).selectByValue("click");
        stack.type("b1-s0-name", "新闻");
        stack.type("b1-s0-key", "NEWS");
        submit("menu-save");
        assertThat(stack.flash("saved")).contains("saved");
        assertThat(value("b1-s0-name")).isEqualTo("新闻");
        stack.shown("menu-draft-state", AdminStack.USER);
        stack.shown("menu-diff", "新闻 [click: NEWS]");
    }

    @Test
    @Order(3)
    void aSeventeenByteTopLevelNameIsRefusedBeforeAnyCallKeepingTheInput() throws Exception {
        stack.open(MENU);
        stack.type("b0-name", "一二三四五ab");
        WebElement counter = stack.driver.findElement(By.cssSelector("[data-counter-for='b0-name']"));
        assertThat(counter.getText()).startsWith("17 / 16");
        assertThat(counter.getAttribute("class")).contains("text-danger");
        assertThat(stack.driver.findElement(By.id("b0-name")).getAttribute("class")).contains("is-invalid");
        // the browser counts UTF-8 bytes as WeChat does: an emoji is 4
        stack.driver.executeScript("var e = document.getElementById('b1-s0-name'); e.value = '😀新'; "
                + "e.dispatchEvent(new Event('input', {bubbles: true}));");
        assertThat(stack.driver.findElement(By.cssSelector("[data-counter-for='b1-s0-name']")).getText())
                .startsWith("7 / 60");
        stack.type("b1-s0-name", "新闻");
        submit("menu-publish");
        stack.shown("menu-error", "Nothing was sent to WeChat");
        assertThat(stack.shown("b0-name-error")).contains("一二三四五ab", "17 bytes", "at most 16");
        assertThat(value("b0-name")).isEqualTo("一二三四五ab");
        assertThat(value("b1-s0-key")).isEqualTo("NEWS");
        assertThat(creates()).isZero();
        stack.screenshot("menus-refused.png");
    }

    @Test
    @Order(4)
    void reorderWithTheUpButton() throws Exception {
        stack.type("b0-name", "首页");
        submit("b2-up");
        assertThat(List.of(value("b0-name"), value("b1-name"), value("b2-name")))
                .containsExactly("首页", "photo", "text");
        assertThat(value("b2-s0-name")).isEqualTo("新闻");
        assertThat(stack.driver.findElements(By.id("b0-error"))).isEmpty();
        // drag and drop (admin.js) among the sub-buttons of the first button, and back
        drag("0.3", "0.0");
        assertThat(List.of(value("b0-s0-name"), value("b0-s1-name"), value("b0-s3-name")))
                .containsExactly("voice", "view_url", "video");
        drag("0.0", "0.3");
        assertThat(List.of(value("b0-s0-name"), value("b0-s3-name"))).containsExactly("view_url", "voice");
    }

    /** Drags one button onto a sibling as a browser would (HTML5 drag events), and waits for the saved page. */
    private static void drag(String from, String to) {
        WebElement form = stack.driver.findElement(By.id("menu-form"));
        stack.driver.executeScript("var a = document.querySelector('[data-path=\"' + arguments[0] + '\"]');"
                + "var b = document.querySelector('[data-path=\"' + arguments[1] + '\"]');"
                + "var dt = new DataTransfer();"
                + "a.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                + "b.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "b.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));",
                from, to);
        gone(form);
    }

    @Test
    @Order(5)
    void publishSendsTheExpectedMenuCreateBody() throws Exception {
        submit("menu-publish");
        assertThat(stack.flash("published")).contains("published", "5 minutes");
        List<String> bodies = stack.wechat.requestBodies("/cgi-bin/menu/create");
        assertThat(bodies).hasSize(1);
        JsonNode sent = json(bodies.get(0));
        JsonNode buttons = sent.get("button");
        assertThat(buttons).hasSize(3);
        assertThat(buttons.get(0).get("name").asText()).isEqualTo("首页");
        assertThat(buttons.get(0).has("type")).isFalse();
        assertThat(buttons.get(0).get("sub_button")).hasSize(4);
        assertThat(buttons.get(0).get("sub_button").get(0))
                .isEqualTo(json("{\"type\":\"view\",\"name\":\"view_url\",\"url\":\"http://www.qq.com\"}"));
        assertThat(buttons.get(1).get("name").asText()).isEqualTo("photo");
        assertThat(buttons.get(1).get("key").asText()).startsWith("wechatmp:");
        assertThat(buttons.get(2)).isEqualTo(json("{\"name\":\"text\",\"sub_button\":[{\"type\":\"click\","
                + "\"name\":\"新闻\",\"key\":\"NEWS\"}]}"));
        assertThat(stack.shown("menu-diff-same")).isNotEmpty();
        stack.shown("menu-draft-state", "No unpublished changes");
    }

    @Test
    @Order(6)
    void historyShowsTwoVersionsAndRestoreRepublishes() throws Exception {
        // WeChat refusing a publish: its errcode in plain words, the input kept, the stored menu unchanged
        stack.open(MENU);
        stack.type("b1-name", "拒绝");
        stack.wechat.failNextMenuCreate(48001);
        submit("menu-publish");
        stack.shown("menu-error", "48001", "may not use the menu API");
        assertThat(value("b1-name")).isEqualTo("拒绝");
        assertThat(creates()).isEqualTo(2);
        submit("menu-discard");
        assertThat(value("b1-name")).isEqualTo("photo");

        stack.type("b1-name", "相册");
        submit("menu-publish");
        assertThat(stack.flash("published")).contains("published");
        assertThat(creates()).isEqualTo(3);
        stack.open(MENU + "/history");
        List<WebElement> rows = stack.driver.findElements(By.cssSelector("#menu-history tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("相册", AdminStack.USER);
        String oldest = rows.get(1).getAttribute("id").substring("version-".length());
        submit("restore-" + oldest);
        assertThat(stack.flash("published again")).contains("published again");
        List<String> bodies = stack.wechat.requestBodies("/cgi-bin/menu/create");
        assertThat(bodies).hasSize(4);
        assertThat(json(bodies.get(3))).isEqualTo(json(bodies.get(0)));
        assertThat(stack.driver.findElements(By.cssSelector("#menu-history tbody tr"))).hasSize(3);
        stack.shown("menu-history", "restored from #" + oldest);
        stack.open(MENU);
        assertThat(value("b1-name")).isEqualTo("photo");
        stack.screenshot("menus-history.png");
    }

    @Test
    @Order(7)
    void aConditionalMenuByTagSendsAddConditionalAndASexRuleShows65320() throws Exception {
        stack.open(MENU + "/conditional");
        submit("conditional-new");
        stack.driver.findElement(By.cssSelector("#menu-rule-more summary")).click();
        stack.type("rule-sex", "1");
        stack.type("b0-name", "会员");
        submit("menu-publish");
        stack.shown("menu-error", "65320", "sex, region or language");
        assertThat(value("rule-sex")).isEqualTo("1");
        assertThat(value("b0-name")).isEqualTo("会员");
        // the other rules stay open since one is filled
        stack.driver.findElement(By.id("rule-sex")).clear();
        new Select(stack.wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-tag_id"))))
                .selectByValue("100");
        submit("menu-publish");
        assertThat(stack.flash("Conditional menu added")).contains("Conditional menu added");
        List<String> sent = stack.wechat.requestBodies("/cgi-bin/menu/addconditional");
        assertThat(sent).hasSize(2);
        JsonNode added = json(sent.get(1));
        assertThat(added.get("matchrule")).isEqualTo(json("{\"tag_id\":\"100\"}"));
        assertThat(added.get("button").get(0).get("name").asText()).isEqualTo("会员");
        assertThat(stack.driver.findElements(By.cssSelector("[id^='conditional-delete-']"))).hasSize(1);
        stack.screenshot("menus-conditional.png");
    }

    @Test
    @Order(8)
    void tryMatchShowsWhichMenuAFollowerSees() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.wechat.baseUrl()
                + "/cgi-bin/tags/members/batchtagging?access_token=t")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"openid_list\":[\"oMenuVip\"],\"tagid\":100}")).build(),
                HttpResponse.BodyHandlers.ofString());
        stack.open(MENU + "/conditional");
        stack.type("trymatch-user", "oMenuVip");
        submit("trymatch-go");
        stack.shown("trymatch-result", "oMenuVip sees the conditional menu", "会员");
        stack.type("trymatch-user", "oSomeoneElse");
        submit("trymatch-go");
        stack.shown("trymatch-result", "oSomeoneElse sees the default menu", "首页");
        assertThat(stack.wechat.requestBodies("/cgi-bin/menu/trymatch").get(0)).contains("oMenuVip");
        String id = stack.driver.findElement(By.cssSelector("[id^='conditional-delete-']")).getAttribute("id")
                .substring("conditional-delete-".length());
        submit("conditional-delete-" + id);
        assertThat(stack.flash("deleted")).contains("deleted");
        assertThat(json(stack.wechat.requestBodies("/cgi-bin/menu/delconditional").get(0)).get("menuid").asText())
                .isEqualTo(id);
    }

    @Test
    @Order(9)
    void deleteTheMenuCallsMenuDelete() throws Exception {
        stack.open(MENU);
        WebElement box = stack.driver.findElement(By.cssSelector("#menu-delete-box summary"));
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", box);
        box.click();
        submit("menu-delete");
        assertThat(stack.flash("deleted")).contains("deleted");
        assertThat(stack.wechat.requests("/cgi-bin/menu/delete")).isEqualTo(1);
        assertThat(stack.shown("menu-diff-none")).isNotEmpty();
    }

    @Test
    @Order(10)
    void aViewerGets403OnPublishAndAnEditorCannotPublish() throws Exception {
        Web root = stack.web();
        grant(root, "menuviewer", "view");
        grant(root, "menueditor", "edit");
        Web viewer = new Web(stack.base());
        viewer.signIn("menuviewer", "viewer-pass-1");
        HttpResponse<String> page = viewer.get(MENU);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"menu-tree\"").doesNotContain("id=\"menu-publish\"")
                .doesNotContain("id=\"menu-save\"");
        int before = creates();
        assertThat(viewer.post(MENU, Map.of("op", "publish", "b0.name", "x", "b0.type", "click", "b0.key", "k"))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post(MENU, Map.of("op", "save", "b0.name", "x")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(MENU + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(MENU + "/history/1/restore", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.get(MENU + "/history").statusCode()).isEqualTo(200);
        assertThat(viewer.get(MENU + "?lang=zh-CN").body()).contains("自定义菜单", "字节", "预览", "默认菜单", "发布历史")
                .doesNotContain("menus.");
        assertThat(viewer.get(MENU + "/conditional").body()).contains("个性化菜单", "测试匹配");

        Web editor = new Web(stack.base());
        editor.signIn("menueditor", "viewer-pass-1");
        editor.get(MENU);
        assertThat(editor.post(MENU, Map.of("op", "publish", "b0.name", "x", "b0.type", "click", "b0.key", "k"))
                .statusCode()).isEqualTo(403);
        // without JS: the 17-byte name is refused with the message and the typed value, nothing is sent
        HttpResponse<String> refused = editor.post(MENU, Map.of("op", "save", "rev", "0", "b0.name",
                "一二三四五ab", "b0.type", "click", "b0.key", "k"));
        assertThat(refused.statusCode()).isIn(400, 409);
        assertThat(refused.body()).contains("value=\"一二三四五ab\"", "17 bytes");
        assertThat(creates()).isEqualTo(before);

        // hostile names are text; the pickers list the local materials and the published articles
        editor.get(MENU);
        String rev0 = java.util.regex.Pattern.compile("name=\"rev\" value=\"(\\d+)\"").matcher(editor.get(MENU)
                .body()).results().findFirst().orElseThrow().group(1);
        assertThat(editor.post(MENU, Map.of("op", "save", "rev", rev0, "b0.name", "x", "b0.s0.name",
                "<img src=x onerror=alert(1)>", "b0.s0.type", "media_id", "b0.s0.media_id", "m")).statusCode())
                .isEqualTo(302);
        HttpResponse<String> shown = editor.get(MENU);
        assertThat(shown.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(shown.body()).contains("<datalist id=\"menu-media\">");
        HttpResponse<String> articles = editor.get(MENU + "/articles");
        assertThat(articles.statusCode()).isEqualTo(200);
        assertThat(articles.body()).contains("Dq7v0P1xDemoArticle0001", "本周新品");
        editor.get(MENU);
        assertThat(editor.post(MENU + "/discard", Map.of()).statusCode()).isEqualTo(302);

        // two editors on one working copy: the second save from a stale page is refused, its input kept
        editor.get(MENU);
        String rev = java.util.regex.Pattern.compile("name=\"rev\" value=\"(\\d+)\"").matcher(editor.get(MENU)
                .body()).results().findFirst().orElseThrow().group(1);
        root.get(MENU);
        assertThat(root.post(MENU, Map.of("op", "save", "rev", rev, "b0.name", "root", "b0.type", "click",
                "b0.key", "r")).statusCode()).isEqualTo(302);
        HttpResponse<String> stale = editor.post(MENU, Map.of("op", "save", "rev", rev, "b0.name", "编辑",
                "b0.type", "click", "b0.key", "e"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else saved", "value=\"编辑\"");
    }

    private static void grant(Web root, String user, String level) throws Exception {
        root.get("/admins");
        String url = root.post("/admins", Map.of("username", user, "password", "viewer-pass-1", "confirm",
                "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(url);
        Map<String, String> grants = new HashMap<>(Map.of("active", "on", "g." + AdminStack.ACCOUNT + ".menus",
                level));
        assertThat(root.post(url, grants).statusCode()).isEqualTo(302);
    }

    @Test
    @Order(11)
    void everyWriteIsAudited() throws Exception {
        Web root = stack.web();
        String publish = root.get("/audit?action=menu.publish").body();
        assertThat(publish).contains("refused before calling WeChat", "menu.publish", "48001");
        String all = root.get("/audit?account=" + AdminStack.ACCOUNT).body();
        assertThat(all).contains("menu.import", "menu.draft", "menu.restore", "menu.conditional.add", "65320",
                "menu.trymatch", "menu.conditional.delete", "menu.delete");
    }
}
