package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The templates section as a user meets it on the demo stack: sync (a job), a test send from the form built from
 * the template's fields (the double's {@code template/send} body), a send-log row that the signed
 * {@code TEMPLATESENDJOBFINISH} callback updates by msgid, WeChat's refusals shown, delete on WeChat, a send to every
 * follower of a tag as a job, grants and audit rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplatesIT {
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

    static String awaitJob(Web w, String id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern state = Pattern.compile("class=\"job-status\" data-state=\"([A-Z]+)\"");
        String s = "?";
        while (System.nanoTime() < until) {
            Matcher m = state.matcher(w.get("/jobs/" + id).body());
            s = m.find() ? m.group(1) : "?";
            if (!"RUNNING".equals(s)) {
                return s;
            }
            Thread.sleep(200);
        }
        return s;
    }

    /** Clicks after scrolling the element into view at once (Bootstrap scrolls smoothly otherwise). */
    static void click(By by) {
        org.openqa.selenium.WebElement e = stack.driver.findElement(by);
        stack.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", e);
        e.click();
    }

    static String finished(String openid, long msgId, String status) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
                + "<MsgID>" + msgId + "</MsgID><Status><![CDATA[" + status + "]]></Status></xml>";
    }

    @Test
    @Order(1)
    void syncThenATestSendLeavesALogRowThatTheStatusEventUpdates() throws Exception {
        stack.browser("zh-CN,zh;q=0.9");
        stack.open(A + "/templates?lang=zh-CN");
        click(By.id("tpl-sync"));
        stack.wait.until(ExpectedConditions.urlContains("/jobs/"));
        String job = stack.driver.getCurrentUrl().replaceAll(".*/jobs/", "");
        assertThat(awaitJob(root, job)).isEqualTo("SUCCEEDED");
        stack.open(A + "/templates");
        assertThat(stack.driver.findElement(By.id("templates")).getText()).contains("预约成功通知")
                .contains("DEMO_TEMPLATE_BOOKING");
        stack.shown("tpl-lastsync", "DONE", "3 templates");
        stack.screenshot("templates-list.png");

        stack.open(A + "/templates/DEMO_TEMPLATE/send");
        stack.type("tpl-openid", "oTplUser00000000000000000001");
        stack.type("field-first", "您的订单已支付");
        stack.type("field-keyword1", "20261130001");
        stack.type("field-keyword2", "¥99.00");
        stack.type("field-remark", "感谢惠顾");
        stack.screenshot("templates-send.png");
        click(By.id("tpl-send-submit"));
        stack.wait.until(ExpectedConditions.urlContains("/template-log"));
        assertThat(stack.flash("模板消息已发送")).contains("模板消息已发送");
        String body = stack.wechat.requestBodies("/cgi-bin/message/template/send").get(0);
        assertThat(body).contains("\"touser\":\"oTplUser00000000000000000001\"")
                .contains("\"template_id\":\"DEMO_TEMPLATE\"").contains("\"first\":{\"value\":\"您的订单已支付\"")
                .contains("\"keyword2\":{\"value\":\"¥99.00\"");
        long msgId = stack.wechat.lastTemplateMsgId();
        String row = stack.driver.findElement(By.cssSelector("tr[data-msgid='" + msgId + "']")).getText();
        assertThat(row).contains("已发送，等待状态").contains("oTplUser00000000000000000001");

        stack.callback(finished("oTplUser00000000000000000001", msgId, "success"));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!root.get(A + "/template-log").body().contains("已送达") && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        stack.open(A + "/template-log");
        assertThat(stack.driver.findElement(By.cssSelector("tr[data-msgid='" + msgId + "']")).getText())
                .contains("已送达");
        stack.screenshot("templates-log.png");
        // a status for a msgid the admin never sent changes nothing
        stack.callback(finished("oTplUser00000000000000000001", 1, "failed:user block"));
        assertThat(root.get(A + "/template-log?status=" + java.net.URLEncoder.encode("failed:user block",
                java.nio.charset.StandardCharsets.UTF_8)).body()).contains("id=\"tpl-log-empty\"");
        assertThat(root.get("/audit?action=template.send").body()).contains("DEMO_TEMPLATE msgid " + msgId);
    }

    @Test
    @Order(2)
    void aRefusalIsShownPlainlyKeepsTheInputAndIsLogged() throws Exception {
        String openid = WeChatDouble.UNFOLLOWED_OPENID_PREFIX + "00000000000000001";
        root.get(A + "/templates/DEMO_TEMPLATE/send");
        HttpResponse<String> r = root.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "one",
                "openid", openid, "field_first", "保留我", "field_keyword1", "", "field_keyword2", "",
                "field_remark", ""));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("id=\"tpl-error\"").contains("43004").contains("value=\"保留我\"");
        assertThat(root.get(A + "/template-log?openid=" + openid).body()).contains("<td>43004</td>");
        assertThat(root.get("/audit?action=template.send").body()).contains(openid).contains("<td>43004</td>");
        assertThat(root.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "one", "openid", "bad id"))
                .statusCode()).isEqualTo(400);
        assertThat(root.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "one", "openid", openid,
                "field_first", "x".repeat(201))).statusCode()).isEqualTo(400);
        assertThat(root.get(A + "/templates/NO_SUCH/send").statusCode()).isEqualTo(404);
        // from a thread: the follower is carried to the send form, which also suggests the synced followers
        assertThat(root.get(A + "/messages/oTplUser00000000000000000003").body()).contains("id=\"thread-template\"");
        assertThat(root.get(A + "/templates?openid=oTplUser00000000000000000003").body())
                .contains("/templates/DEMO_TEMPLATE/send?openid=oTplUser00000000000000000003");
        String form = root.get(A + "/templates/DEMO_TEMPLATE/send?openid=oTplUser00000000000000000003").body();
        assertThat(form).contains("value=\"oTplUser00000000000000000003\"").contains("id=\"tpl-followers\"")
                .contains("<option value=\"oDemo");
    }

    @Test
    @Order(3)
    void deleteCallsWeChatAndTheTemplateStaysGoneAfterASync() throws Exception {
        stack.open(A + "/templates");
        click(By.cssSelector("tr[data-id='DEMO_TEMPLATE_PLAIN'] .tpl-delete"));
        stack.shown("tpl-delete-confirm", "系统通知");
        click(By.id("tpl-delete-yes"));
        assertThat(stack.flash("已在微信上删除模板")).contains("已在微信上删除模板");
        assertThat(stack.driver.findElements(By.cssSelector("tr[data-id='DEMO_TEMPLATE_PLAIN']"))).isEmpty();
        assertThat(stack.wechat.requestBodies("/cgi-bin/template/del_private_template"))
                .containsExactly("{\"template_id\":\"DEMO_TEMPLATE_PLAIN\"}");
        root.get(A + "/templates");
        String job = root.post(A + "/templates/sync", Map.of()).headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/jobs/", "");
        assertThat(awaitJob(root, job)).isEqualTo("SUCCEEDED");
        assertThat(root.get(A + "/templates").body()).doesNotContain("DEMO_TEMPLATE_PLAIN").contains("DEMO_TEMPLATE");
        assertThat(root.get("/audit?action=template.delete").body()).contains("DEMO_TEMPLATE_PLAIN");
    }

    @Test
    @Order(4)
    void aSendToATagRunsAsAJobAndLogsARowPerFollower() throws Exception {
        stack.open(A + "/templates/DEMO_TEMPLATE_BOOKING/send");
        click(By.id("target-tag"));
        new Select(stack.driver.findElement(By.id("tpl-tag"))).selectByValue("100");
        stack.type("field-first", "您已预约成功");
        stack.type("field-time", "2026-12-01 10:00");
        stack.type("field-place", "深圳南山店");
        click(By.id("tpl-send-submit"));
        stack.wait.until(ExpectedConditions.urlContains("/jobs/"));
        String job = stack.driver.getCurrentUrl().replaceAll(".*/jobs/", "");
        assertThat(awaitJob(root, job)).isEqualTo("SUCCEEDED");
        stack.open("/jobs/" + job);
        assertThat(stack.driver.findElement(By.tagName("h1")).getText()).contains("按标签发送模板消息");
        stack.screenshot("templates-tag-job.png");
        String log = root.get(A + "/template-log?template=DEMO_TEMPLATE_BOOKING").body();
        // the double's tag 100 holds its first two generated followers
        assertThat(log).contains("data-openid=\"" + WeChatDouble.openid(0) + "\"")
                .contains("data-openid=\"" + WeChatDouble.openid(1) + "\"");
        assertThat(log.split("class=\"tpl-log-row\"", -1)).hasSize(3);
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/template/send"))
                .filteredOn(b -> b.contains("DEMO_TEMPLATE_BOOKING")).hasSize(2)
                .allSatisfy(b -> assertThat(b).contains("深圳南山店"));
        assertThat(root.get("/audit?action=template.sendtag").body()).contains("tag 100").contains("2 sent");
    }

    @Test
    @Order(5)
    void grantsViewerReadsEditorSendsToOneButNotToATag() throws Exception {
        root.get("/admins");
        String viewerUrl = root.post("/admins", Map.of("username", "tplviewer", "password", "viewer-pass-1",
                "confirm", "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(viewerUrl);
        root.post(viewerUrl, Map.of("active", "on", "g.demo.templates", "view"));
        root.get("/admins");
        String editorUrl = root.post("/admins", Map.of("username", "tpleditor", "password", "editor-pass-1",
                "confirm", "editor-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(editorUrl);
        root.post(editorUrl, Map.of("active", "on", "g.demo.templates", "edit"));

        Web viewer = new Web(stack.base());
        viewer.signIn("tplviewer", "viewer-pass-1");
        assertThat(viewer.get(A + "/templates").body()).contains("DEMO_TEMPLATE").doesNotContain("id=\"tpl-sync\"");
        assertThat(viewer.get(A + "/template-log").statusCode()).isEqualTo(200);
        int sends = stack.wechat.requestBodies("/cgi-bin/message/template/send").size();
        assertThat(viewer.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "one",
                "openid", "oTplUser00000000000000000001")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/templates/DEMO_TEMPLATE/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(A + "/templates/sync", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.get(A + "/messages").statusCode()).isEqualTo(403);

        Web editor = new Web(stack.base());
        editor.signIn("tpleditor", "editor-pass-1");
        editor.get(A + "/templates/DEMO_TEMPLATE/send");
        assertThat(editor.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "tag", "tagId", "100"))
                .statusCode()).isEqualTo(403);
        assertThat(editor.post(A + "/templates/DEMO_TEMPLATE/send", Map.of("target", "one",
                "openid", "oTplUser00000000000000000002", "field_first", "编辑发送")).statusCode()).isEqualTo(302);
        assertThat(stack.wechat.requestBodies("/cgi-bin/message/template/send")).hasSize(sends + 1);
        assertThat(root.get(A + "/template-log").body()).contains("tpleditor");
    }
}
