package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Materials, drafts and publishing as a user meets them in the browser on the demo stack: images through the admin's
 * own proxy, upload and the unused view, references, drafts with a cover and body image, preview, publish with the
 * result from the {@code PUBLISHJOBFINISH} event, refusals before any WeChat call, 40007 shown plainly, a viewer's
 * 403 and the audit rows.
 */
class MaterialsIT {
    static AdminStack stack;
    static Path dbDir;
    static JdbiStorage storage;
    static final String A = "/a/" + AdminStack.ACCOUNT;

    @BeforeAll
    static void start() throws Exception {
        dbDir = Files.createTempDirectory("materials-it");
        // a file database in mixed mode, so this test can add handlers and menus the pages must see as references
        String url = "jdbc:h2:" + dbDir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        stack = AdminStack.start(5, Map.of("wechat.db.url", url));
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        storage = JdbiStorage.builder(ds).migrate(false).build();
        Web web = stack.web();
        long until = System.currentTimeMillis() + 60_000;
        while (!web.get(A + "/materials?type=image").body().contains("material-DEMO_IMAGE_1")) {
            assertThat(System.currentTimeMillis()).as("the demo's material sync").isLessThan(until);
            Thread.sleep(300);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (stack.driver != null) {
            stack.driver.quit();
            stack.driver = null;
        }
    }

    /** Clicks an element after scrolling it to the middle of the window (nothing sticky covers it there). */
    static void click(String id) {
        WebElement e = stack.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        e.click();
    }

    static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static Path file(String name, byte[] content) throws Exception {
        Path dir = Files.createTempDirectory("upload");
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void anImageLoadsThroughTheAdminsOwnProxy() throws Exception {
        stack.browser("en");
        stack.open(A + "/materials?type=image");
        WebElement img = stack.driver.findElement(By.cssSelector("#material-DEMO_IMAGE_1 img"));
        String src = img.getAttribute("src");
        assertThat(src).isEqualTo(stack.base() + A + "/materials/DEMO_IMAGE_1/raw");
        stack.wait.until(d -> ((Number) stack.driver.executeScript("return arguments[0].naturalWidth", img))
                .intValue() > 0);
        assertThat(stack.driver.getPageSource()).doesNotContain("mmbiz");
        stack.screenshot("materials-grid.png");
        Web web = stack.web();
        HttpResponse<byte[]> r = web.http.send(HttpRequest.newBuilder(URI.create(src)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(r.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        // without a session the proxy sends the browser to sign in, never the bytes
        assertThat(new Web(stack.base()).get(A + "/materials/DEMO_IMAGE_1/raw").statusCode()).isEqualTo(302);
        assertThat(web.get(A + "/materials/NO_SUCH_ID/raw").statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadedImageIsUnusedAndDeletingItCallsDelMaterial() throws Exception {
        stack.browser("en");
        stack.open(A + "/materials?type=image");
        new org.openqa.selenium.support.ui.Select(stack.driver.findElement(By.id("upload-kind")))
                .selectByValue("image");
        stack.driver.findElement(By.id("upload-file")).sendKeys(file("new-logo.png", png()).toString());
        click("upload-submit");
        assertThat(stack.flash("Uploaded")).contains("Uploaded");
        String mediaId = stack.driver.findElements(By.cssSelector(".material-card")).stream()
                .filter(e -> e.getText().contains("new-logo.png")).findFirst().orElseThrow().getAttribute("id")
                .substring("material-".length());
        assertThat(stack.wechat.hasMaterial(mediaId)).isTrue();
        stack.open(A + "/materials/unused");
        click("pick-" + mediaId);
        click("unused-submit");
        stack.shown("confirm-list", mediaId);
        stack.screenshot("materials-unused-confirm.png");
        click("confirm-delete");
        assertThat(stack.flash("deleted")).contains("deleted");
        assertThat(stack.wechat.requestBodies("/cgi-bin/material/del_material")).last().asString()
                .isEqualTo("{\"media_id\":\"" + mediaId + "\"}");
        assertThat(stack.wechat.hasMaterial(mediaId)).isFalse();
        assertThat(stack.driver.findElements(By.id("unused-" + mediaId))).isEmpty();
        String audit = stack.web().get("/audit?account=" + AdminStack.ACCOUNT).body();
        assertThat(audit).contains("material.upload", "material.delete", mediaId);
    }

    @Test
    void aMaterialAHandlerAndAMenuUseShowsItsReferencesAndIsNotUnused() throws Exception {
        storage.handlers().save(AdminStack.ACCOUNT, Handler.builder("welcome picture").rule(Rule.all())
                .reply(HandlerReply.image("DEMO_IMAGE_2")).build());
        storage.menus().save(AdminStack.ACCOUNT, new ObjectMapper().readTree("{\"button\":[{\"name\":\"About\","
                + "\"sub_button\":[{\"type\":\"media_id\",\"name\":\"Intro video\",\"media_id\":\"DEMO_VIDEO_1\"}]}]}"));
        stack.browser("en");
        stack.open(A + "/materials/DEMO_IMAGE_2");
        stack.shown("uses", "welcome picture", "Auto-reply");
        stack.open(A + "/materials/DEMO_VIDEO_1/delete");
        stack.shown("uses", "About › Intro video", "Menu");
        stack.screenshot("materials-delete-references.png");
        // a referenced material needs the explicit "delete anyway"
        int before = stack.wechat.requests("/cgi-bin/material/del_material");
        click("confirm-delete");
        stack.shown("error", "still referenced");
        assertThat(stack.wechat.requests("/cgi-bin/material/del_material")).isEqualTo(before);
        stack.open(A + "/materials/unused");
        String unused = stack.driver.getPageSource();
        assertThat(unused).doesNotContain("unused-DEMO_IMAGE_2").doesNotContain("unused-DEMO_VIDEO_1");
    }

    @Test
    void oversizeAndWrongFormatUploadsAreRefusedBeforeAnyCall() throws Exception {
        int before = stack.wechat.requests("/cgi-bin/material/add_material");
        stack.browser("en");
        stack.open(A + "/materials?type=image");
        new org.openqa.selenium.support.ui.Select(stack.driver.findElement(By.id("upload-kind")))
                .selectByValue("thumb");
        byte[] big = new byte[70_000];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        stack.driver.findElement(By.id("upload-file")).sendKeys(file("big.jpg", big).toString());
        click("upload-submit");
        stack.shown("error", "64 KB");
        new org.openqa.selenium.support.ui.Select(stack.driver.findElement(By.id("upload-kind")))
                .selectByValue("image");
        stack.driver.findElement(By.id("upload-file")).sendKeys(file("notes.png", "just text".getBytes())
                .toString());
        click("upload-submit");
        stack.shown("error", "does not match");
        stack.driver.findElement(By.id("upload-file")).sendKeys(file("song.wav", png()).toString());
        click("upload-submit");
        stack.shown("error", "bmp, png");
        assertThat(stack.wechat.requests("/cgi-bin/material/add_material")).isEqualTo(before);
    }

    @Test
    void wechatsErrorIsShownPlainly() throws Exception {
        Web web = stack.web();
        web.get(A + "/materials?type=voice");
        stack.wechat.failNext("/cgi-bin/material/del_material", 40007);
        stack.browser("en");
        stack.open(A + "/materials/DEMO_VOICE_1/delete");
        click("confirm-delete");
        stack.shown("error", "40007", "does not know this media id");
        assertThat(web.get(A + "/materials/DEMO_VOICE_1").statusCode()).isEqualTo(200);
        assertThat(web.get("/audit?action=material.delete").body()).contains("DEMO_VOICE_1", "40007");
        // when drafts cannot be read, nothing is offered as unused and a delete warns it could not check them
        stack.wechat.failNext("/cgi-bin/draft/batchget", 48001);
        var unused = web.get(A + "/materials/unused");
        assertThat(unused.statusCode()).isEqualTo(502);
        assertThat(unused.body()).contains("48001").doesNotContain("id=\"unused-list\"");
        stack.wechat.failNext("/cgi-bin/draft/batchget", 48001);
        assertThat(web.get(A + "/materials/DEMO_IMAGE_1/delete").body()).contains("id=\"unchecked\"", "48001",
                "id=\"anyway\"");
    }

    @Test
    void aViewerSeesButCannotChange() throws Exception {
        Web root = stack.web();
        root.get("/admins");
        String url = root.post("/admins", Map.of("username", "matviewer", "password", "viewer-pass-1", "confirm",
                "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(url);
        root.post(url, Map.of("active", "on", "g." + AdminStack.ACCOUNT + ".materials", "view"));
        Web viewer = new Web(stack.base());
        viewer.signIn("matviewer", "viewer-pass-1");
        var grid = viewer.get(A + "/materials?type=image");
        assertThat(grid.statusCode()).isEqualTo(200);
        assertThat(grid.body()).contains("material-DEMO_IMAGE_1").doesNotContain("upload-form");
        assertThat(viewer.post(A + "/materials/DEMO_IMAGE_1", Map.of("alias", "x")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/materials/DEMO_IMAGE_1/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/materials/unused", Map.of("id", "DEMO_IMAGE_1", "confirm", "yes"))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/materials/sync", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/drafts/new", Map.of("title", "t")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/drafts/DRAFT_1/publish", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/published/ARTICLE_ID_DEMO_PUBLISHED/delete", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(viewer.get(A + "/drafts").statusCode()).isEqualTo(200);
        var zh = viewer.get(A + "/drafts?lang=zh-CN");
        assertThat(zh.body()).contains("草稿箱", "文章保存在草稿箱中").doesNotContain("id=\"new-draft\"");
        assertThat(viewer.get(A + "/materials/unused").body()).contains("未使用").doesNotContain("id=\"unused-submit\"");
    }

    @Test
    void aDraftWithACoverIsPreviewedSubmittedAndPublishedByTheEvent() throws Exception {
        stack.browser("en");
        stack.open(A + "/drafts/new");
        String title = "Spring " + UUID.randomUUID().toString().substring(0, 6);
        stack.type("title", title);
        stack.type("author", "Mat");
        stack.type("digest", "What is new");
        stack.type("content", "<p>Hello <b>readers</b></p><script>alert(1)</script><img src=x onerror=alert(2)>");
        click("cover-DEMO_IMAGE_1");
        click("openComment");
        stack.driver.findElement(By.id("image")).sendKeys(file("body.png", png()).toString());
        // the script puts the image where the cursor is: here, at the start
        stack.driver.executeScript("var c = document.getElementById('content'); c.setSelectionRange(0, 0);");
        click("uploadimg-submit");
        stack.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("uploadimg-status"),
                "inserted at the cursor"));
        assertThat(stack.driver.findElement(By.id("content")).getAttribute("value"))
                .startsWith("<p><img src=\"" + stack.wechat.baseUrl() + "/mmbiz-double/img/").contains("Hello");
        assertThat(stack.driver.findElement(By.id("cover-DEMO_IMAGE_1")).isSelected()).isTrue();
        click("save-draft");
        assertThat(stack.flash("Saved")).contains("Saved");
        String add = stack.wechat.requestBodies("/cgi-bin/draft/add").get(stack.wechat.requestBodies(
                "/cgi-bin/draft/add").size() - 1);
        assertThat(add).contains(title, "\"thumb_media_id\":\"DEMO_IMAGE_1\"", "\"need_open_comment\":1",
                "\"only_fans_can_comment\":0", "\"author\":\"Mat\"");
        String draftUrl = stack.driver.getCurrentUrl();
        String draftId = draftUrl.substring(draftUrl.lastIndexOf('/') + 1);

        click("preview");
        assertThat(stack.shown("preview-title")).isEqualTo(title);
        WebElement cover = stack.driver.findElement(By.id("preview-cover"));
        assertThat(cover.getAttribute("src")).isEqualTo(stack.base() + A + "/materials/DEMO_IMAGE_1/raw");
        stack.driver.switchTo().frame("preview-frame");
        stack.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Hello readers"));
        String frame = stack.driver.getPageSource();
        assertThat(frame).doesNotContain("<script").doesNotContain("onerror").doesNotContain("mmbiz-double/img");
        WebElement bodyImage = stack.driver.findElement(By.cssSelector("img[src]"));
        assertThat(bodyImage.getAttribute("src")).startsWith(stack.base() + A + "/materials/remote?u=");
        stack.wait.until(d -> ((Number) stack.driver.executeScript("return arguments[0].naturalWidth",
                bodyImage)).intValue() > 0);
        stack.driver.switchTo().defaultContent();
        stack.screenshot("drafts-preview.png");

        stack.open(A + "/drafts/" + draftId);
        click("publish");
        assertThat(stack.flash("Submitted")).contains("Submitted");
        assertThat(stack.wechat.requestBodies("/cgi-bin/freepublish/submit")).last().asString()
                .contains(draftId);
        List<String> ids = stack.wechat.publishIds();
        String publishId = ids.get(ids.size() - 1);
        assertThat(stack.shown("status-" + publishId)).isEqualTo("Publishing…");

        String articleId = stack.wechat.finishPublish(publishId, true);
        stack.callback(publishEvent(publishId, articleId, stack.wechat.baseUrl() + "/s/" + articleId + "/1"));
        long until = System.currentTimeMillis() + 20_000;
        do {
            stack.open(A + "/published");
        } while (!stack.shown("status-" + publishId).equals("Published") && System.currentTimeMillis() < until);
        assertThat(stack.shown("status-" + publishId)).isEqualTo("Published");
        assertThat(stack.shown("published-" + articleId)).contains(title);
        assertThat(stack.driver.findElement(By.cssSelector("#published-" + articleId + " a.published-link"))
                .getAttribute("href")).endsWith("/s/" + articleId + "/1");
        assertThat(stack.wechat.requests("/cgi-bin/freepublish/get")).as("the state came by the event").isZero();
        stack.screenshot("drafts-published.png");
        String audit = stack.web().get("/audit?account=" + AdminStack.ACCOUNT).body();
        assertThat(audit).contains("draft.create", "draft.uploadimg", "draft.publish", "publish.finished");
    }

    @Test
    void syncRunsAsAJobWithProgress() throws Exception {
        stack.browser("en");
        stack.open(A + "/materials?type=image");
        click("sync");
        stack.wait.until(ExpectedConditions.urlMatches("/jobs/[^/]+$"));
        stack.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Succeeded"));
        assertThat(stack.driver.findElement(By.tagName("main")).getText()).contains("Materials", "100%");
        assertThat(stack.wechat.requests("/cgi-bin/material/get_materialcount")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aliasAndNoteAreKeptLocallyAndSearchable() throws Exception {
        Web web = stack.web();
        web.get(A + "/materials/DEMO_IMAGE_1");
        var saved = web.post(A + "/materials/DEMO_IMAGE_1", Map.of("alias", "Spring cover", "note",
                "<b>use for the March issue</b>"));
        assertThat(saved.statusCode()).isEqualTo(302);
        var found = web.get(A + "/materials?type=image&q=spring");
        assertThat(found.body()).contains("material-DEMO_IMAGE_1", "Spring cover").doesNotContain("material-DEMO_IMAGE_2");
        assertThat(web.get(A + "/materials/DEMO_IMAGE_1").body()).contains("&lt;b&gt;use for the March issue")
                .doesNotContain("<b>use for");
        web.get(A + "/materials/DEMO_IMAGE_1");
        assertThat(web.post(A + "/materials/DEMO_IMAGE_1", Map.of("alias", "x".repeat(65))).statusCode())
                .isEqualTo(400);
        assertThat(web.get("/audit?action=material.note").body()).contains("DEMO_IMAGE_1");
    }

    @Test
    void voiceAndVideoPlayFromTheAdminsOwnUrls() throws Exception {
        Web web = stack.web();
        String page = web.get(A + "/materials?type=video").body();
        assertThat(page).contains("<video", "src=\"" + A + "/materials/DEMO_VIDEO_1/raw\"");
        HttpResponse<byte[]> video = web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + A
                + "/materials/DEMO_VIDEO_1/raw")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).as("the video is fetched here, not redirected to").isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type").orElse("")).startsWith("video/mp4");
        HttpResponse<byte[]> voice = web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + A
                + "/materials/DEMO_VOICE_1/raw")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(voice.statusCode()).isEqualTo(200);
        assertThat(voice.headers().firstValue("Content-Type").orElse("")).startsWith("audio/");
        assertThat(web.get(A + "/materials/remote?u=" + java.net.URLEncoder.encode("http://169.254.169.254/x",
                java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);
    }

    @Test
    void aDraftIsDeletedInWeChatAndABadCoverIsRefusedPlainly() throws Exception {
        Web web = stack.web();
        web.get(A + "/drafts/new");
        Map<String, String> form = new java.util.HashMap<>(Map.of("title", "To delete", "content", "<p>x</p>",
                "thumbMediaId", "NO_SUCH_COVER"));
        var refused = web.post(A + "/drafts/new", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("40007", "To delete");
        form.put("thumbMediaId", "DEMO_IMAGE_2");
        var created = web.post(A + "/drafts/new", form);
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(web.get(A + "/drafts").body()).contains("draft-" + id);
        var frame = web.get(A + "/drafts/" + id + "/frame");
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'")
                .doesNotContain("script-src");
        assertThat(frame.headers().firstValue("X-Frame-Options").orElse("")).isEqualTo("SAMEORIGIN");
        web.get(A + "/drafts/" + id + "/delete");
        assertThat(web.post(A + "/drafts/" + id + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(stack.wechat.requestBodies("/cgi-bin/draft/delete")).last().asString().contains(id);
        assertThat(web.get(A + "/drafts").body()).doesNotContain("draft-" + id);
        assertThat(web.get(A + "/drafts/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anArticleIsAddedToADraftByMakingTheDraftAgainWithEveryArticle() throws Exception {
        Web web = stack.web();
        web.get(A + "/drafts/new");
        var created = web.post(A + "/drafts/new", Map.of("title", "第一篇", "content", "<p>一</p>",
                "thumbMediaId", "DEMO_IMAGE_2"));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        // the editor offers a new article after the last one
        assertThat(web.get(A + "/drafts/" + id).body()).contains("id=\"add-article\"");
        String blank = web.get(A + "/drafts/" + id + "?index=1").body();
        assertThat(blank).contains("append-help").doesNotContain("value=\"第一篇\"");
        // a problem keeps what was typed and calls nothing
        int adds = stack.wechat.requests("/cgi-bin/draft/add");
        var bad = web.post(A + "/drafts/" + id + "?index=1", Map.of("index", "1", "title", "", "content", "<p>二</p>",
                "thumbMediaId", "DEMO_IMAGE_2"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(stack.wechat.requests("/cgi-bin/draft/add")).isEqualTo(adds);
        var added = web.post(A + "/drafts/" + id + "?index=1", Map.of("index", "1", "title", "第二篇",
                "content", "<p>二</p>", "thumbMediaId", "DEMO_IMAGE_2"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        String next = added.headers().firstValue("Location").orElseThrow();
        assertThat(next).contains("?index=1").doesNotContain("/drafts/" + id + "?");
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stack.wechat
                .requestBodies("/cgi-bin/draft/add").get(adds));
        assertThat(body.path("articles")).hasSize(2);
        assertThat(body.path("articles").get(0).path("title").asText()).isEqualTo("第一篇");
        assertThat(body.path("articles").get(1).path("title").asText()).isEqualTo("第二篇");
        assertThat(stack.wechat.requestBodies("/cgi-bin/draft/delete")).last().asString().contains(id);
        String newId = next.substring(next.lastIndexOf('/') + 1, next.indexOf('?'));
        String page = web.get(A + "/drafts/" + newId + "?index=1").body();
        assertThat(page).contains("1. 第一篇", "2. 第二篇");
        assertThat(web.get(A + "/drafts/" + id).statusCode()).isEqualTo(404);
        assertThat(web.get("/audit?account=" + AdminStack.ACCOUNT + "&action=draft").body())
                .contains("draft.append", "draft.delete");

        // and an article leaves the draft the same way
        assertThat(page).contains("id=\"remove-article\"");
        int before = stack.wechat.requests("/cgi-bin/draft/add");
        var removed = web.post(A + "/drafts/" + newId + "/remove?index=0", Map.of("index", "0"));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(302);
        var rest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stack.wechat
                .requestBodies("/cgi-bin/draft/add").get(before));
        assertThat(rest.path("articles")).hasSize(1);
        assertThat(rest.path("articles").get(0).path("title").asText()).isEqualTo("第二篇");
        String left = removed.headers().firstValue("Location").orElseThrow();
        String lastId = left.substring(left.lastIndexOf('/') + 1);
        assertThat(web.get(A + "/drafts/" + newId).statusCode()).isEqualTo(404);
        String single = web.get(A + "/drafts/" + lastId).body();
        assertThat(single).doesNotContain("id=\"remove-article\"");
        // the last article stays: the draft is deleted instead
        var last = web.post(A + "/drafts/" + lastId + "/remove?index=0", Map.of("index", "0"));
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(last.body()).contains("at least one article");
        assertThat(stack.wechat.requests("/cgi-bin/draft/add")).isEqualTo(before + 1);
    }

    @Test
    void aPublishedArticleIsDeletedInWeChatAfterAConfirmationAndWeChatsRefusalIsShownPlainly() throws Exception {
        Web web = stack.web();
        String list = web.get(A + "/published").body();
        assertThat(list).contains("published-Dq7v0P1xDemoArticle0002", "delete-Dq7v0P1xDemoArticle0002");
        String confirm = web.get(A + "/published/Dq7v0P1xDemoArticle0002/delete").body();
        assertThat(confirm).contains("Dq7v0P1xDemoArticle0002", "confirm-delete");
        int before = stack.wechat.requests("/cgi-bin/freepublish/delete");
        // WeChat refuses: said plainly, nothing gone
        stack.wechat.failNext("/cgi-bin/freepublish/delete", 53600, "Article ID 无效");
        var refused = web.post(A + "/published/Dq7v0P1xDemoArticle0002/delete", Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("53600").doesNotContain("Exception");
        assertThat(web.get(A + "/published").body()).contains("published-Dq7v0P1xDemoArticle0002");
        // then it goes: one call for the whole article (index 0)
        var deleted = web.post(A + "/published/Dq7v0P1xDemoArticle0002/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(stack.wechat.requests("/cgi-bin/freepublish/delete")).isEqualTo(before + 2);
        var call = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stack.wechat
                .requestBodies("/cgi-bin/freepublish/delete").get(before + 1));
        assertThat(call.path("article_id").asText()).isEqualTo("Dq7v0P1xDemoArticle0002");
        assertThat(call.path("index").asInt()).isZero();
        assertThat(web.get(A + "/published").body()).doesNotContain("published-Dq7v0P1xDemoArticle0002");
        assertThat(web.get("/audit?account=" + AdminStack.ACCOUNT + "&action=published").body())
                .contains("published.delete", "Dq7v0P1xDemoArticle0002");
        assertThat(web.get(A + "/published/not%20an%20id/delete").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutJavaScriptABodyImageIsAppendedAndNothingTypedIsLost() throws Exception {
        Web web = stack.web();
        web.get(A + "/drafts/new");
        String boundary = "----mat" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (String[] f : new String[][] {{"_csrf", web.csrf}, {"title", "Kept <title>"}, {"content", "<p>typed</p>"},
            {"action", "uploadimg"}}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"b.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(png());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = web.http.send(HttpRequest.newBuilder(URI.create(stack.base() + A + "/drafts/new"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"notice\"", "value=\"Kept &lt;title>\"", "&lt;p&gt;typed&lt;/p&gt;\n"
                + "&lt;p&gt;&lt;img src=\"" + stack.wechat.baseUrl() + "/mmbiz-double/img/");
    }

    static String publishEvent(String publishId, String articleId, String url) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[oPublisher]]></FromUserName>"
                + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]>"
                + "</MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>" + publishId
                + "</publish_id><publish_status>0</publish_status><article_id><![CDATA[" + articleId
                + "]]></article_id><article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[" + url
                + "]]></article_url></item></article_detail></PublishEventInfo></xml>";
    }
}
