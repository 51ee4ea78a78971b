package org.wechatmp.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncResult;

/**
 * Moving handlers in and out: the console import ({@code get_current_autoreply_info} through core's
 * {@code AutoReplyImport}: imported handlers replace the previous import, media ids are kept, nothing is uploaded),
 * the JSON export (a download) and the JSON import (pasted or read from a file by the page's script; every handler
 * checked, a report of what was imported and skipped).
 */
final class ReplyTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyTransfer.class);
    /** errcodes with their own message in the {@code replies} bundle. */
    private static final Set<Integer> KNOWN = Set.of(-1, 40001, 40164, 45009, 48001, 50005, 53600);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private ReplyTransfer() {
    }

    static void importConsole(Ctx c, Account account) throws IOException {
        c.requireMethod("POST");
        try {
            SyncResult r = c.s.runtime().sync(account).autoReplies().run(account, c.s.runtime().client(account),
                    SyncListener.NONE);
            c.s.audit().record(c.who(), account.name(), "replies.import.console", account.name(), true, null,
                    r.stored() + " handlers");
            c.redirect(ReplyPages.base(account) + "?source=IMPORTED", "replies.imported");
        } catch (WeChatException e) {
            WeChatApiException api = api(e);
            LOG.info("console auto-reply import of {} failed: {}", account.name(), e.getMessage());
            c.s.audit().record(c.who(), account.name(), "replies.import.console", account.name(), false,
                    api == null ? null : api.errcode(), api == null ? e.getMessage() : api.errmsg());
            ReplyPages.list(c, account, 502, c.msg.t("replies.import.failed", wechatError(c, e)));
        }
    }

    static void export(Ctx c, Account account) throws IOException {
        c.requireMethod("GET");
        String json = HandlerJson.export(account.name(), c.s.clock().instant(),
                ReplyPages.handlers(c).handlers(account.name()), c.s.runtime().materials());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        c.resp.setStatus(200);
        c.resp.setContentType("application/json;charset=UTF-8");
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.setHeader("Content-Disposition", "attachment; filename=\"handlers-" + account.name() + "-"
                + STAMP.format(c.s.clock().instant()) + ".json\"");
        c.resp.setContentLength(body.length);
        c.resp.getOutputStream().write(body);
    }

    static void importJson(Ctx c, Account account) throws IOException {
        c.requireMethod("GET", "POST");
        if (!c.post()) {
            c.render("replies_import", 200, "replies.json.title", "a", account, "json", "", "problems", List.of(),
                    "report", null);
            return;
        }
        String text = c.raw("json");
        List<HandlerProblem> problems = new ArrayList<>();
        HandlerJson.Report report = text.isBlank() ? null : HandlerJson.importInto(account.name(), text,
                ReplyFormPages.check(c, account), ReplyPages.handlers(c), c.s.runtime().materials(), problems);
        if (text.isBlank()) {
            problems.add(HandlerProblem.of("replies.json.empty"));
        }
        if (report == null) {
            c.render("replies_import", 400, "replies.json.title", "a", account, "json",
                    text.length() > HandlerJson.MAX_CHARS ? "" : text, "problems",
                    problems.stream().map(p -> p.text(c.msg)).toList(), "report", null);
            return;
        }
        c.s.audit().record(c.who(), account.name(), "replies.import.json", account.name(), true, null,
                report.imported().size() + " imported, " + report.skipped().size() + " skipped");
        c.render("replies_import", 200, "replies.json.title", "a", account, "json", "", "problems", List.of(),
                "report", report);
    }

    /** The API error behind a failure, if WeChat answered one. */
    static WeChatApiException api(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WeChatApiException a) {
                return a;
            }
        }
        return null;
    }

    /** A WeChat failure in the user's language: known errcodes explained, others with WeChat's errmsg. */
    static String wechatError(Ctx c, WeChatException e) {
        WeChatApiException api = api(e);
        if (api == null) {
            return c.msg.t("replies.errcode.none", e.getMessage());
        }
        String known = KNOWN.contains(api.errcode()) ? c.msg.t("replies.errcode." + api.errcode()) : api.errmsg();
        return c.msg.t("replies.errcode", String.valueOf(api.errcode()), known);
    }
}
