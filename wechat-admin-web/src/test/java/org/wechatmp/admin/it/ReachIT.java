package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Mass sends, customer service and comments as users meet them on the demo stack: a broadcast composed to a tag waits
 * for review, its author's approval is refused, a second admin (made on {@code /admins}) approves it and the double
 * receives {@code mass/sendall}, the {@code MASSSENDJOBFINISH} callback fills in the counts; the quota error is shown
 * plainly with nothing sent; an agent is added, a session created, transferred and closed; comments are listed,
 * elected, replied to and deleted; a viewer cannot write; every write is in the audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReachIT {
    static final String A = "/a/" + AdminStack.ACCOUNT;
    static final String REVIEWER = "reviewer";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "second admin password";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BROADCAST = Pattern.compile("/broadcast/([0-9]+)$");
    static AdminStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(20, Map.of());
        Web root = stack.web();
        long viewer = createAdmin(root, VIEWER);
        root.get("/admins/" + viewer);
        assertThat(root.post("/admins/" + viewer, Map.of("active", "on", "g.demo.broadcast", "view",
                "g.demo.messages", "view", "g.demo.materials", "view")).statusCode()).isEqualTo(302);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static long createAdmin(Web w, String name) throws Exception {
        w.get("/admins");
        HttpResponse<String> r = w.post("/admins", Map.of("username", name, "password", PASSWORD, "confirm",
                PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static JsonNode lastBody(String path) throws Exception {
        List<String> bodies = stack.wechat.requestBodies(path);
        assertThat(bodies).as(path).isNotEmpty();
        return JSON.readTree(bodies.get(bodies.size() - 1));
    }

    void signInAs(String user, String password) {
        stack.driver.findElement(By.id("logout")).click();
        stack.wait.until(ExpectedConditions.urlContains("/login"));
        stack.open("/login");
        stack.type("username", user);
        stack.type("password", password);
        stack.driver.findElement(By.id("signin")).click();
        stack.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    void click(String id) {
        press(stack.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))));
    }

    /**
     * Clicks an element scrolled to the middle of the window (nothing overlaps it there); for a submit button
     * (without a confirm dialog), waits for the next page.
     */
    void press(WebElement e) {
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        boolean loads = "submit".equals(e.getAttribute("type")) && e.getAttribute("data-reach-confirm") == null;
        WebElement page = stack.driver.findElement(By.tagName("html"));
        try {
            e.click();
            if (loads) {
                stack.wait.until(ExpectedConditions.stalenessOf(page));
            }
        } catch (org.openqa.selenium.ElementClickInterceptedException x) {
            try {
                stack.screenshot("reach-intercepted.png");
            } catch (java.io.IOException io) {
                x.addSuppressed(io);
            }
            throw x;
        }
    }

    void press(String css) {
        press(stack.driver.findElement(By.cssSelector(css)));
    }

    /** Composes a text broadcast to tag 2 in the browser; returns its id. */
    long composeToTag(String text) {
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (true) {
            stack.open(A + "/broadcast/new");
            if (!stack.driver.findElements(By.cssSelector("#tagId option[value='2']")).isEmpty()) {
                break;
            }
            assertThat(System.nanoTime()).as("the demo's tag sync never finished").isLessThan(until);
            sleep(500);
        }
        stack.type("text", text);
        click("target-TAG");
        new Select(stack.driver.findElement(By.id("tagId"))).selectByValue("2");
        click("broadcast-save");
        stack.wait.until(ExpectedConditions.urlMatches(".*/broadcast/[0-9]+$"));
        Matcher m = BROADCAST.matcher(stack.driver.getCurrentUrl());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(1)
    void aBroadcastToATagIsReviewedByASecondAdminSentAndCountedWhenWeChatReportsIt() throws Exception {
        stack.browser("en-US");
        // the second admin, made on /admins as a superuser would
        stack.open("/admins");
        stack.type("username", REVIEWER);
        stack.type("password", PASSWORD);
        stack.type("confirm", PASSWORD);
        click("create-admin");
        stack.wait.until(ExpectedConditions.urlMatches(".*/admins/[0-9]+$"));
        new Select(stack.driver.findElement(By.name("g.demo.broadcast"))).selectByValue("publish");
        WebElement save = stack.driver.findElement(By.id("save-grants"));
        save.click();
        stack.wait.until(ExpectedConditions.stalenessOf(save)); // the saved page has replaced the form
        stack.shown("flash");

        long id = composeToTag("周末活动 <b>八折</b>");
        assertThat(stack.flash("Another admin")).contains("Another admin");
        assertThat(stack.driver.findElement(By.id("broadcast-state")).getAttribute("data-state"))
                .isEqualTo("PENDING");
        assertThat(stack.shown("broadcast-content")).isEqualTo("周末活动 <b>八折</b>");
        stack.shown("broadcast-target", "星标组");
        stack.shown("broadcast-quota", "sends left today");
        stack.screenshot("reach-broadcast-pending.png");

        int sendalls = stack.wechat.requests("/cgi-bin/message/mass/sendall");
        click("broadcast-approve");
        stack.shown("broadcast-error", "another admin with the publish grant");
        assertThat(stack.wechat.requests("/cgi-bin/message/mass/sendall")).isEqualTo(sendalls);

        signInAs(REVIEWER, PASSWORD);
        stack.open(A + "/broadcast/" + id);
        click("broadcast-approve");
        assertThat(stack.flash("handed to WeChat")).contains("handed to WeChat");
        assertThat(stack.wechat.requests("/cgi-bin/message/mass/sendall")).isEqualTo(sendalls + 1);
        JsonNode sent = lastBody("/cgi-bin/message/mass/sendall");
        assertThat(sent.path("msgtype").asText()).isEqualTo("text");
        assertThat(sent.path("text").path("content").asText()).isEqualTo("周末活动 <b>八折</b>");
        assertThat(sent.path("filter").path("is_to_all").asBoolean()).isFalse();
        assertThat(sent.path("filter").path("tag_id").asInt()).isEqualTo(2);
        assertThat(sent.path("clientmsgid").asText()).hasSize(40);
        stack.shown("broadcast-reviewer", REVIEWER);
        WebElement row = stack.driver.findElement(By.cssSelector("#broadcast-sends tr[data-msg-id]"));
        long msgId = Long.parseLong(row.getAttribute("data-msg-id"));
        assertThat(stack.driver.findElement(By.id("broadcast-state")).getAttribute("data-state"))
                .isEqualTo("SENDING");

        stack.callback(finished(msgId, "send success", 120, 100, 97, 3));
        stack.open(A + "/broadcast/" + id);
        assertThat(stack.driver.findElement(By.id("broadcast-state")).getAttribute("data-state")).isEqualTo("SENT");
        assertThat(stack.driver.findElement(By.cssSelector("#broadcast-sends .send-total")).getText())
                .isEqualTo("120");
        assertThat(stack.driver.findElement(By.cssSelector("#broadcast-sends .send-filter")).getText())
                .isEqualTo("100");
        assertThat(stack.driver.findElement(By.cssSelector("#broadcast-sends .send-sent")).getText())
                .isEqualTo("97");
        assertThat(stack.driver.findElement(By.cssSelector("#broadcast-sends .send-error")).getText())
                .isEqualTo("3");
        stack.screenshot("reach-broadcast-sent.png");
        stack.open(A + "/broadcast");
        assertThat(stack.driver.findElement(By.cssSelector("#broadcasts tr[data-broadcast='" + id + "']"))
                .getAttribute("data-state")).isEqualTo("SENT");

        // the audit has the whole story, the refused approval included
        String audit = stack.web().get("/audit?account=demo&action=broadcast").body();
        assertThat(audit).contains("broadcast.create", "broadcast.approve", "broadcast.send", "broadcast.finished",
                REVIEWER);
        assertThat(audit).containsPattern("broadcast\\.approve[\\s\\S]{0,400}error");
        stack.open(A + "/broadcast/" + id + "?lang=zh-CN");
        assertThat(stack.shown("broadcast-state")).isEqualTo("已发送");
        stack.screenshot("reach-broadcast-zh.png");
        stack.open(A + "/broadcast/" + id + "?lang=en");
        signInAs(AdminStack.USER, AdminStack.PASSWORD);
    }

    static String finished(long msgId, String status, int total, int filter, int sent, int errors) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[oMassSystem]]>"
                + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA["
                + "event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>" + msgId + "</MsgID>"
                + "<Status><![CDATA[" + status + "]]></Status><TotalCount>" + total + "</TotalCount><FilterCount>"
                + filter + "</FilterCount><SentCount>" + sent + "</SentCount><ErrorCount>" + errors
                + "</ErrorCount></xml>";
    }

    @Test
    @Order(2)
    void withNoQuotaLeftTheApprovalIsRefusedPlainlyAndNothingIsSent() throws Exception {
        Web root = stack.web();
        root.get(A + "/broadcast/new");
        HttpResponse<String> made = root.post(A + "/broadcast/new", Map.of("type", "text", "text", "配额测试",
                "target", "ALL"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        String page = made.headers().firstValue("Location").orElseThrow();
        page = page.substring(page.indexOf(A));
        Web reviewer = new Web(stack.base());
        reviewer.signIn(REVIEWER, PASSWORD);
        stack.wechat.massSendQuota(0);
        try {
            int sendalls = stack.wechat.requests("/cgi-bin/message/mass/sendall");
            assertThat(reviewer.get(page).body()).contains("None left");
            HttpResponse<String> r = reviewer.post(page + "/approve", Map.of());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("No mass-send quota left", "45028").doesNotContain("Exception");
            assertThat(stack.wechat.requests("/cgi-bin/message/mass/sendall")).isEqualTo(sendalls);
            assertThat(reviewer.get(page).body()).contains("data-state=\"PENDING\"");
            // in Chinese too
            assertThat(reviewer.get(page + "?lang=zh-CN").body()).contains("已用完");
        } finally {
            stack.wechat.massSendQuota(100);
        }
        HttpResponse<String> reject = reviewer.post(page + "/reject", Map.of("reason", "重复的活动"));
        assertThat(reject.statusCode()).isEqualTo(302);
        assertThat(reviewer.get(page).body()).contains("data-state=\"REJECTED\"", "重复的活动");
    }

    @Test
    @Order(3)
    void aViewerReadsButCannotWrite() throws Exception {
        Web viewer = new Web(stack.base());
        viewer.signIn(VIEWER, PASSWORD);
        assertThat(viewer.get(A + "/broadcast").statusCode()).isEqualTo(200);
        assertThat(viewer.get(A + "/broadcast/new").statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/broadcast/new", Map.of("type", "text", "text", "x", "target", "ALL"))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/broadcast/1/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.get(A + "/kf").body()).contains("xiaowang@demo").doesNotContain("id=\"kf-add\"");
        assertThat(viewer.post(A + "/kf/add", Map.of("kfAccount", "evil@demo", "nickname", "x")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post(A + "/kf/sessions/close", Map.of("kfAccount", "xiaowang@demo", "openid",
                "oDemoUser0000000000000000001")).statusCode()).isEqualTo(403);
        assertThat(viewer.get(A + "/comments/2247483650/0").statusCode()).isEqualTo(200);
        assertThat(viewer.post(A + "/comments/2247483650/0/2/elect", Map.of()).statusCode()).isEqualTo(403);
        assertThat(stack.wechat.requests("/customservice/kfaccount/add")).isZero();
    }

    @Test
    @Order(4)
    void anAgentIsAddedAndASessionCreatedTransferredAndClosed() throws Exception {
        if (stack.driver == null) {
            stack.browser("en-US");
        }
        stack.open(A + "/broadcast/new?lang=zh-CN");
        stack.screenshot("reach-broadcast-form-zh.png");
        stack.open(A + "/kf?lang=en");
        stack.type("kfAccount", "xiaozhao@demo");
        stack.type("nickname", "小赵");
        click("kf-add-submit");
        assertThat(stack.flash("Agent added")).contains("Agent added");
        JsonNode added = lastBody("/customservice/kfaccount/add");
        assertThat(added.path("kf_account").asText()).isEqualTo("xiaozhao@demo");
        assertThat(added.path("nickname").asText()).isEqualTo("小赵");
        assertThat(stack.driver.findElement(By.cssSelector("#kf-agents tr[data-kf='xiaozhao@demo'] .kf-nick"))
                .getText()).isEqualTo("小赵");

        // an avatar, uploaded as a file
        java.nio.file.Path jpeg = java.nio.file.Files.createTempFile("avatar", ".jpg");
        java.nio.file.Files.write(jpeg, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J',
            'F', 'I', 'F', 0, (byte) 0xff, (byte) 0xd9});
        String agent = "#kf-agents tr[data-kf='xiaozhao@demo']";
        stack.driver.findElement(By.cssSelector(agent + " .kf-avatar-file")).sendKeys(jpeg.toString());
        press(agent + " .kf-avatar-submit");
        assertThat(stack.flash("Avatar uploaded")).contains("Avatar uploaded");
        assertThat(stack.wechat.requests("/customservice/kfaccount/uploadheadimg")).isEqualTo(1);
        assertThat(stack.wechat.requestBodies("/customservice/kfaccount/uploadheadimg").get(0))
                .contains("name=\"media\"", "JFIF");
        assertThat(stack.driver.findElements(By.cssSelector(agent + " .kf-has-avatar"))).hasSize(1);
        java.nio.file.Files.write(jpeg, "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stack.driver.findElement(By.cssSelector(agent + " .kf-avatar-file")).sendKeys(jpeg.toString());
        press(agent + " .kf-avatar-submit");
        stack.shown("kf-error", "JPEG or PNG");
        assertThat(stack.wechat.requests("/customservice/kfaccount/uploadheadimg")).isEqualTo(1);
        java.nio.file.Files.delete(jpeg);

        // a refused add keeps what was typed and says why
        stack.type("kfAccount", "xiaozhao@demo");
        stack.type("nickname", "小赵");
        click("kf-add-submit");
        stack.shown("kf-error", "already exists");
        assertThat(stack.driver.findElement(By.id("kfAccount")).getAttribute("value")).isEqualTo("xiaozhao@demo");

        click("kf-nav-sessions");
        stack.type("session-openid", "oReachVisitor0001");
        new Select(stack.driver.findElement(By.id("session-kf"))).selectByValue("xiaozhao@demo");
        click("kf-create-submit");
        assertThat(stack.flash("Session started")).contains("Session started");
        JsonNode created = lastBody("/customservice/kfsession/create");
        assertThat(created.path("kf_account").asText()).isEqualTo("xiaozhao@demo");
        assertThat(created.path("openid").asText()).isEqualTo("oReachVisitor0001");
        String row = "#kf-sessions tr[data-openid='oReachVisitor0001']";
        assertThat(stack.driver.findElement(By.cssSelector(row)).getAttribute("data-kf")).isEqualTo("xiaozhao@demo");

        new Select(stack.driver.findElement(By.cssSelector(row + " .kf-transfer-to"))).selectByValue("xiaowang@demo");
        press(row + " .kf-transfer");
        assertThat(stack.flash("transferred")).contains("transferred");
        assertThat(lastBody("/customservice/kfsession/close").path("kf_account").asText()).isEqualTo("xiaozhao@demo");
        assertThat(lastBody("/customservice/kfsession/create").path("kf_account").asText())
                .isEqualTo("xiaowang@demo");
        assertThat(stack.driver.findElement(By.cssSelector(row)).getAttribute("data-kf")).isEqualTo("xiaowang@demo");
        stack.screenshot("reach-kf-sessions.png");

        press(row + " .kf-close");
        assertThat(stack.flash("Session closed")).contains("Session closed");
        JsonNode closed = lastBody("/customservice/kfsession/close");
        assertThat(closed.path("kf_account").asText()).isEqualTo("xiaowang@demo");
        assertThat(closed.path("openid").asText()).isEqualTo("oReachVisitor0001");
        assertThat(stack.driver.findElements(By.cssSelector(row))).isEmpty();

        String audit = stack.web().get("/audit?account=demo&action=kf").body();
        assertThat(audit).contains("kf.add", "kf.avatar", "kf.session.create", "kf.session.transfer",
                "kf.session.close");
    }

    @Test
    @Order(5)
    void commentsAreListedElectedRepliedToAndDeleted() throws Exception {
        if (stack.driver == null) {
            stack.browser("en-US");
        }
        String article = A + "/comments/2247483650/0";
        stack.open(A + "/comments");
        stack.type("msgDataId", "2247483650");
        stack.type("index", "0");
        click("comments-go");
        stack.wait.until(ExpectedConditions.urlContains("/comments/2247483650/0"));
        stack.shown("comments-total", "3");
        assertThat(stack.driver.findElements(By.cssSelector("#comments-list .comment"))).hasSize(3);

        String two = "#comments-list .comment[data-comment='2']";
        press(two + " .comment-elect");
        assertThat(stack.flash("elected")).contains("elected");
        assertThat(lastBody("/cgi-bin/comment/markelect").path("user_comment_id").asLong()).isEqualTo(2);
        assertThat(stack.driver.findElement(By.cssSelector(two)).getAttribute("data-elected")).isEqualTo("true");

        WebElement reply = stack.driver.findElement(By.cssSelector(two + " .comment-reply-form input[name=content]"));
        reply.sendKeys("下周一发布 <script>alert(1)</script>");
        press(two + " .comment-reply-submit");
        assertThat(stack.flash("Reply posted")).contains("Reply posted");
        JsonNode replied = lastBody("/cgi-bin/comment/reply/add");
        assertThat(replied.path("msg_data_id").asLong()).isEqualTo(2247483650L);
        assertThat(replied.path("index").asInt()).isZero();
        assertThat(replied.path("user_comment_id").asLong()).isEqualTo(2);
        assertThat(replied.path("content").asText()).isEqualTo("下周一发布 <script>alert(1)</script>");
        assertThat(stack.driver.findElement(By.cssSelector(two + " .reply-text")).getText())
                .isEqualTo("下周一发布 <script>alert(1)</script>");

        WebElement before = stack.driver.findElement(By.tagName("html"));
        press("#comments-list .comment[data-comment='3'] .comment-delete");
        stack.wait.until(ExpectedConditions.alertIsPresent()).accept();
        stack.wait.until(ExpectedConditions.stalenessOf(before));
        assertThat(stack.flash("deleted")).contains("deleted");
        assertThat(lastBody("/cgi-bin/comment/delete").path("user_comment_id").asLong()).isEqualTo(3);
        assertThat(stack.driver.findElements(By.cssSelector("#comments-list .comment[data-comment='3']"))).isEmpty();
        stack.screenshot("reach-comments.png");

        // WeChat's refusal is shown plainly: comment 1 already has a reply
        Web root = stack.web();
        root.get(article);
        HttpResponse<String> again = root.post(article + "/1/reply", Map.of("content", "再回复"));
        assertThat(again.statusCode()).isEqualTo(502);
        assertThat(again.body()).contains("already has a reply", "88005", "再回复");

        String audit = root.get("/audit?account=demo&action=comment").body();
        assertThat(audit).contains("comment.elect", "comment.reply", "comment.delete");
    }

    static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String l = r.headers().firstValue("Location").orElseThrow();
        return l.substring(l.indexOf(A));
    }

    @Test
    @Order(6)
    void anArticleToAListIsPreviewedSentPolledAndDeletedAndAPendingOneWithdrawn() throws Exception {
        Web root = stack.web();
        Web reviewer = new Web(stack.base());
        reviewer.signIn(REVIEWER, PASSWORD);
        root.get(A + "/broadcast/new");
        String page = location(root.post(A + "/broadcast/new", Map.of("type", "mpnews", "mediaId", "DEMO_NEWS_1",
                "ignoreReprint", "on", "target", "USERS", "openids", "oUserAAAA01\noUserAAAA02, oUserAAAA01")));
        assertThat(root.get(page).body()).contains("2 openids", "oUserAAAA02");

        location(root.post(page + "/preview", Map.of("openid", "oDemoUser0000000000000000001")));
        JsonNode preview = lastBody("/cgi-bin/message/mass/preview");
        assertThat(preview.path("touser").asText()).isEqualTo("oDemoUser0000000000000000001");
        assertThat(preview.path("mpnews").path("media_id").asText()).isEqualTo("DEMO_NEWS_1");
        assertThat(root.post(page + "/preview", Map.of("openid", "<bad>")).statusCode()).isEqualTo(400);

        reviewer.get(page);
        location(reviewer.post(page + "/approve", Map.of()));
        JsonNode send = lastBody("/cgi-bin/message/mass/send");
        assertThat(send.path("touser")).hasSize(2);
        assertThat(send.path("touser").get(1).asText()).isEqualTo("oUserAAAA02");
        assertThat(send.path("mpnews").path("media_id").asText()).isEqualTo("DEMO_NEWS_1");
        assertThat(send.path("send_ignore_reprint").asInt()).isEqualTo(1);
        String sent = root.get(page).body();
        Matcher data = Pattern.compile("/comments/([0-9]+)/0").matcher(sent);
        assertThat(data.find()).as(sent).isTrue();
        assertThat(root.get(A + "/comments").body()).contains("DEMO_NEWS_1", "/comments/" + data.group(1) + "/0");

        int gets = stack.wechat.requests("/cgi-bin/message/mass/get");
        location(root.post(page + "/refresh", Map.of()));
        assertThat(stack.wechat.requests("/cgi-bin/message/mass/get")).isEqualTo(gets + 1);
        assertThat(root.get(page).body()).contains("data-state=\"SENT\"", "SEND_SUCCESS");

        Web viewer = new Web(stack.base());
        viewer.signIn(VIEWER, PASSWORD);
        viewer.get(page);
        assertThat(viewer.post(page + "/delete", Map.of()).statusCode()).isEqualTo(403);
        location(root.post(page + "/delete", Map.of()));
        Matcher msg = Pattern.compile("data-msg-id=\"([0-9]+)\"").matcher(sent);
        assertThat(msg.find()).isTrue();
        assertThat(lastBody("/cgi-bin/message/mass/delete").path("msg_id").asText()).isEqualTo(msg.group(1));
        assertThat(root.get(page).body()).contains("data-state=\"DELETED\"");

        String pending = location(root.post(A + "/broadcast/new", Map.of("type", "image", "mediaId", "DEMO_IMAGE_1",
                "target", "ALL")));
        location(root.post(pending + "/cancel", Map.of()));
        assertThat(root.get(pending).body()).contains("data-state=\"CANCELLED\"");
        assertThat(reviewer.post(pending + "/approve", Map.of()).statusCode()).isEqualTo(409);
        assertThat(root.get(A + "/broadcast?state=CANCELLED").body()).contains("data-state=\"CANCELLED\"")
                .doesNotContain("data-state=\"DELETED\"");
        // another page (the followers list) may prefill the recipients
        String prefilled = root.get(A + "/broadcast/new?target=USERS&openids=oSelected01,oSelected02").body();
        assertThat(prefilled).contains("oSelected01\noSelected02")
                .containsPattern("id=\"target-USERS\"[^>]*checked");
        // a bad form keeps what was typed
        HttpResponse<String> bad = root.post(A + "/broadcast/new", Map.of("type", "text", "text", "保留我",
                "target", "USERS", "openids", "oOnlyOne01"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("2 to 100,000 openids", "保留我", "oOnlyOne01");
        String audit = root.get("/audit?account=demo&action=broadcast").body();
        assertThat(audit).contains("broadcast.preview", "broadcast.poll", "broadcast.delete", "broadcast.cancel");
    }

    @Test
    @Order(8)
    void aFinishEventThatArrivesBeforeItsSendIsStoredStillFillsInTheCounts() throws Exception {
        Web root = stack.web();
        Web reviewer = new Web(stack.base());
        reviewer.signIn(REVIEWER, PASSWORD);
        stack.wechat.massSendQuota(50);
        // a first send tells which msg_id the double hands out next
        String first = sendToAll(root, reviewer, "先发一条");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-msg-id=\"(\\d+)\"")
                .matcher(root.get(first).body());
        assertThat(m.find()).isTrue();
        long next = Long.parseLong(m.group(1)) + 1;
        root.get(A + "/broadcast/new");
        String page = location(root.post(A + "/broadcast/new", Map.of("type", "text", "text", "事件先到",
                "target", "ALL")));
        // WeChat's event for the send, before the send is even approved (so before its msg_id is stored)
        stack.callback(finished(next, "send success", 50, 40, 39, 1));
        reviewer.get(page);
        location(reviewer.post(page + "/approve", Map.of()));
        long end = System.nanoTime() + 20_000_000_000L;
        String shown = root.get(page).body();
        while (!shown.contains("data-state=\"SENT\"") && System.nanoTime() < end) {
            Thread.sleep(200);
            shown = root.get(page).body();
        }
        assertThat(shown).contains("data-msg-id=\"" + next + "\"", "data-state=\"SENT\"");
        assertThat(shown).containsPattern("class=\"send-total\">50<").containsPattern("class=\"send-sent\">39<")
                .containsPattern("class=\"send-error\">1<");
    }

    /** Creates a text broadcast to everyone, approved by the reviewer; returns its page. */
    private static String sendToAll(Web root, Web reviewer, String text) throws Exception {
        root.get(A + "/broadcast/new");
        String page = location(root.post(A + "/broadcast/new", Map.of("type", "text", "text", text,
                "target", "ALL")));
        reviewer.get(page);
        location(reviewer.post(page + "/approve", Map.of()));
        return page;
    }

    @Test
    @Order(7)
    void agentsAreRenamedInvitedAndDeletedRecordsReadAndCommentsUnelectedUnrepliedOpenedAndClosed() throws Exception {
        Web root = stack.web();
        root.get(A + "/kf");
        location(root.post(A + "/kf/update", Map.of("kfAccount", "xiaozhao@demo", "nickname", "赵六")));
        assertThat(lastBody("/customservice/kfaccount/update").path("nickname").asText()).isEqualTo("赵六");
        location(root.post(A + "/kf/invite", Map.of("kfAccount", "xiaozhao@demo", "wechatId", "zhao_wx01")));
        assertThat(lastBody("/customservice/kfaccount/inviteworker").path("invite_wx").asText())
                .isEqualTo("zhao_wx01");
        assertThat(root.get(A + "/kf").body()).contains("赵六", "zhao_wx01");
        assertThat(root.post(A + "/kf/invite", Map.of("kfAccount", "xiaowang@demo", "wechatId", "other_wx1")).body())
                .contains("already bound", "65412");
        assertThat(root.post(A + "/kf/add", Map.of("kfAccount", "bad account", "nickname", "x")).statusCode())
                .isEqualTo(400);
        location(root.post(A + "/kf/delete", Map.of("kfAccount", "xiaozhao@demo")));
        assertThat(stack.wechat.requests("/customservice/kfaccount/del")).isEqualTo(1);
        assertThat(root.get(A + "/kf").body()).doesNotContain("xiaozhao@demo");

        assertThat(root.get(A + "/kf/records").body()).contains("你好，我的订单还没发货", "agent received");
        assertThat(lastBody("/customservice/msgrecord/getmsglist").path("msgid").asLong()).isEqualTo(1);
        HttpResponse<String> range = root.get(A + "/kf/records?from=2026-11-01T00:00&to=2026-11-03T00:00");
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(range.body()).contains("at most 24 hours");

        String article = A + "/comments/2247483650/0";
        root.get(article);
        location(root.post(article + "/2/unelect", Map.of()));
        assertThat(lastBody("/cgi-bin/comment/unmarkelect").path("user_comment_id").asLong()).isEqualTo(2);
        location(root.post(article + "/2/unreply", Map.of()));
        assertThat(lastBody("/cgi-bin/comment/reply/delete").path("user_comment_id").asLong()).isEqualTo(2);
        location(root.post(article + "/close", Map.of()));
        assertThat(lastBody("/cgi-bin/comment/close").path("msg_data_id").asLong()).isEqualTo(2247483650L);
        location(root.post(article + "/open", Map.of()));
        assertThat(lastBody("/cgi-bin/comment/open").path("index").asInt()).isZero();
        String elected = root.get(article + "?type=elected").body();
        assertThat(elected).contains("data-comment=\"1\"").doesNotContain("data-comment=\"2\"");
        assertThat(root.post(article + "/99/delete", Map.of()).body()).contains("does not exist", "88008");
        assertThat(root.get(A + "/comments?msgDataId=abc&index=0").statusCode()).isEqualTo(400);
        assertThat(root.get(A + "/comments/1/2/3/4/5").statusCode()).isEqualTo(404);
    }
}
