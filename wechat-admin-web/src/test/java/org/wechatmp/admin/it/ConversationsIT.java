package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The conversations section as a user meets it on the demo stack: the message log with its filters and search
 * (Chinese), keyset pages and event keys; a thread that shows a signed callback live; the customer-service reply
 * box inside the 48-hour window (the double's {@code custom/send} body), disabled outside it, WeChat's 45015 shown
 * plainly; typing; grants and audit rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationsIT {
    static final String A = "/a/" + AdminStack.ACCOUNT;
    static AdminStack stack;
    static Web root;

    @BeforeAll
    static void start() throws Exception {
        stack = AdminStack.start(20, Map.of());
        root = stack.web();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** A text message as WeChat sends it, created {@code ageSeconds} ago. */
    static String oldText(String openid, String content, long ageSeconds) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + (System.currentTimeMillis() / 1000 - ageSeconds)
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
    }

    /** Polls a page until it satisfies a condition (the message log is written off the callback thread). */
    static String await(Web w, String path, Predicate<String> ok) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body;
        do {
            body = w.get(path).body();
            if (ok.test(body)) {
                return body;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < until);
        throw new AssertionError("never satisfied on " + path + ":\n" + body);
    }

    /** Clicks a button after scrolling it to the middle of the window. */
    static void click(String id) {
        org.openqa.selenium.WebElement e = stack.driver.findElement(By.id(id));
        // Bootstrap scrolls smoothly: scroll at once, or the click lands while the page still moves
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", e);
        e.click();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void aSignedCallbackAppearsLiveInTheOpenThreadAndAReplyGoesThroughCustomSend() throws Exception {
        stack.browser("en");
        String openid = "oConvLive0000000000000000001";
        stack.open(A + "/messages/" + openid);
        stack.shown("window-closed", "No message from this follower is logged");
        assertThat(stack.driver.findElement(By.id("reply-send")).isEnabled()).isFalse();
        Thread.sleep(1500); // the event stream connects

        stack.callback(AdminStack.text(openid, "你好，我想问一下订单"));
        stack.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread-rows"), "你好，我想问一下订单"));
        // the first message opens the window: the box is re-rendered enabled, without a reload
        stack.wait.until(ExpectedConditions.elementToBeClickable(By.id("reply-send")));
        stack.shown("window-open", "can be sent until");
        stack.screenshot("conversations-live.png");

        stack.type("reply-content", "您好，订单已发货 <b>bold</b>");
        click("reply-send");
        assertThat(stack.flash("Message sent")).contains("Message sent");
        assertThat(stack.driver.findElement(By.id("thread-rows")).getText()).contains("您好，订单已发货 <b>bold</b>");
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/custom/send")).anySatisfy(b -> assertThat(b)
                .contains("\"touser\":\"" + openid + "\"").contains("\"msgtype\":\"text\"")
                .contains("您好，订单已发货"));
        // the sent message is in the log as outbound, with the admin as its handler
        String log = root.get(A + "/messages?direction=out&openid=" + openid).body();
        assertThat(log).contains("您好，订单已发货 &lt;b&gt;bold&lt;/b&gt;").contains("admin:" + AdminStack.USER);

        // typing
        click("reply-typing");
        assertThat(stack.flash("typing")).contains("typing");
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/custom/typing")).anySatisfy(b -> assertThat(b)
                .contains(openid).contains("\"command\":\"Typing\""));

        // an image from the materials (synced by the demo at start)
        await(root, A + "/messages/" + openid, b -> b.contains("DEMO_IMAGE_1"));
        stack.open(A + "/messages/" + openid);
        new Select(stack.driver.findElement(By.id("reply-type"))).selectByValue("image");
        new Select(stack.driver.findElement(By.id("reply-image"))).selectByValue("DEMO_IMAGE_1");
        click("reply-send");
        assertThat(stack.flash("Message sent")).contains("Message sent");
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/custom/send")).anySatisfy(b -> assertThat(b)
                .contains("\"msgtype\":\"image\"").contains("DEMO_IMAGE_1"));
    }

    @Test
    @Order(2)
    void outsideTheWindowTheBoxIsDisabledAndAForgedPostIsRefusedWithoutCallingWeChat() throws Exception {
        String openid = "oConvOld00000000000000000001";
        stack.callback(oldText(openid, "三天前的消息", 3 * 24 * 3600));
        await(root, A + "/messages/" + openid, b -> b.contains("三天前的消息"));
        stack.open(A + "/messages/" + openid);
        stack.shown("window-closed", "48-hour customer-service window closed at");
        assertThat(stack.driver.findElement(By.id("reply-send")).isEnabled()).isFalse();
        assertThat(stack.driver.findElement(By.id("reply-typing")).isEnabled()).isFalse();
        stack.screenshot("conversations-closed.png");

        root.get(A + "/messages/" + openid);
        HttpResponse<String> r = root.post(A + "/messages/" + openid + "/send", Map.of("type", "text",
                "content", "迟到的回复"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("id=\"reply-error\"").contains("迟到的回复");
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/custom/send")).noneMatch(b -> b.contains(openid));
    }

    @Test
    @Order(3)
    void wechatsAnswer45015IsShownPlainlyAndTheTextIsKept() throws Exception {
        String openid = WeChatDouble.EXPIRED_OPENID_PREFIX + "Conv0000000000000001";
        stack.callback(AdminStack.text(openid, "在吗"));
        await(root, A + "/messages/" + openid, b -> b.contains("在吗"));
        stack.open(A + "/messages/" + openid);
        stack.type("reply-content", "在的，请讲");
        click("reply-send");
        stack.shown("reply-error", "48-hour customer-service window has closed", "45015");
        assertThat(stack.driver.findElement(By.id("reply-content")).getAttribute("value")).isEqualTo("在的，请讲");
        stack.screenshot("conversations-45015.png");
        String audit = root.get("/audit?action=cs.send").body();
        assertThat(audit).contains(openid).contains("<td>45015</td>");
    }

    @Test
    @Order(4)
    void theLogFiltersAndSearchesInChineseShowsEventKeysAndPagesByKeyset() throws Exception {
        stack.callback(AdminStack.text("oConvFilter00000000000000001", "我想查询订单状态"));
        stack.callback(AdminStack.event("oConvFilter00000000000000001", "CLICK", "MENU_ORDER"));
        stack.callback(AdminStack.event("oConvFilter00000000000000002", "SCAN", "summer2026"));
        await(root, A + "/messages?event=scan", b -> b.contains("summer2026"));
        await(root, A + "/messages?event=CLICK", b -> b.contains("MENU_ORDER"));

        String found = root.get(A + "/messages?q=" + enc("订单状态")).body();
        assertThat(found).contains("我想查询订单状态").doesNotContain("summer2026").doesNotContain("MENU_ORDER");
        String clicks = root.get(A + "/messages?event=CLICK&direction=in").body();
        assertThat(clicks).contains("<td class=\"conv-key\">MENU_ORDER</td>").doesNotContain("我想查询订单状态");
        assertThat(root.get(A + "/messages?type=text&openid=oConvFilter00000000000000001").body())
                .contains("我想查询订单状态").doesNotContain("MENU_ORDER");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        assertThat(root.get(A + "/messages?from=" + tomorrow).body()).contains("id=\"conv-empty\"");
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(root.get(A + "/messages?from=" + today + "&q=" + enc("订单状态")).body()).contains("我想查询订单状态");
        assertThat(root.get(A + "/messages?from=not-a-date").statusCode()).isEqualTo(400);
        assertThat(root.get(A + "/messages?direction=sideways").statusCode()).isEqualTo(400);
        assertThat(root.get(A + "/messages?after=x").statusCode()).isEqualTo(400);

        // the browser: the filter form keeps everything in the URL
        stack.open(A + "/messages");
        stack.type("f-q", "订单状态");
        stack.driver.findElement(By.id("conv-apply")).click();
        stack.wait.until(ExpectedConditions.urlContains("q="));
        assertThat(stack.driver.findElement(By.id("conv-log")).getText()).contains("我想查询订单状态");
        stack.screenshot("conversations-log.png");

        // keyset pages: 55 messages of one follower (each auto-replied) are 50 + 5
        String openid = "oConvPage000000000000000001";
        for (int i = 0; i < 55; i++) {
            stack.callback(AdminStack.text(openid, "第" + i + "条"));
        }
        String first = await(root, A + "/messages?direction=in&openid=" + openid, b -> b.contains("第54条")
                && b.contains("id=\"conv-next\""));
        assertThat(first.split("class=\"conv-row ", -1)).hasSize(51);
        String next = first.replaceAll("(?s).*id=\"conv-next\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        String second = root.get(next).body();
        assertThat(second.split("class=\"conv-row ", -1)).hasSize(6);
        assertThat(second).contains("第0条").doesNotContain("id=\"conv-next\"");
    }

    @Test
    @Order(5)
    void aViewerReadsButCannotSendOrType() throws Exception {
        root.get("/admins");
        String viewerUrl = root.post("/admins", Map.of("username", "convviewer", "password", "viewer-pass-1",
                "confirm", "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(viewerUrl);
        root.post(viewerUrl, Map.of("active", "on", "g.demo.messages", "view"));
        Web viewer = new Web(stack.base());
        viewer.signIn("convviewer", "viewer-pass-1");
        String openid = "oConvLive0000000000000000001";
        HttpResponse<String> page = viewer.get(A + "/messages/" + openid);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("你好，我想问一下订单").doesNotContain("id=\"reply-form\"");
        assertThat(viewer.get(A + "/messages").statusCode()).isEqualTo(200);
        int before = stack.wechat.requestBodies("/cgi-bin/message/custom/send").size();
        assertThat(viewer.post(A + "/messages/" + openid + "/send", Map.of("type", "text", "content", "x"))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/messages/" + openid + "/typing", Map.of()).statusCode()).isEqualTo(403);
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/custom/send")).hasSize(before);
        assertThat(viewer.get(A + "/templates").statusCode()).isEqualTo(403);

        assertThat(root.get("/audit?action=cs.send").body()).contains("48-hour window closed")
                .contains("oConvLive0000000000000000001");
        assertThat(root.get("/audit?action=cs.typing").body()).contains("oConvLive0000000000000000001");
    }

    @Test
    @Order(6)
    void hostileInputIsEscapedAndBadRequestsAreClear() throws Exception {
        String openid = "oConvXss000000000000000001";
        stack.callback(AdminStack.text(openid, "<img src=x onerror=alert(1)>"));
        String page = await(root, A + "/messages/" + openid, b -> b.contains("onerror"));
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(root.get(A + "/messages/bad%20id").statusCode()).isEqualTo(404);
        HttpResponse<String> tooLong = root.post(A + "/messages/" + openid + "/send", Map.of("type", "text",
                "content", "字".repeat(2001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(root.post(A + "/messages/" + openid + "/send", Map.of("type", "image", "mediaId", "NOPE"))
                .statusCode()).isEqualTo(400);
        assertThat(root.post(A + "/messages/" + openid + "/send", Map.of("type", "news", "title", "t",
                "url", "javascript:alert(1)")).statusCode()).isEqualTo(400);
    }
}
