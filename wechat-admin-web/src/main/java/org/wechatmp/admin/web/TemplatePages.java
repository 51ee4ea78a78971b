package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.client.TemplateMessage;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.message.TemplateSendJobFinishEvent;
import org.wechatmp.core.sync.TemplateSync;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * {@code /a/{a}/templates} (the synced templates; sync as a job, delete on WeChat), {@code /a/{a}/templates/{id}/send}
 * (a test send from a form built from the template's {@code {{name.DATA}}} fields, to one follower or, as the
 * {@code TEMPLATE_SEND} job, to every follower with a tag) and {@code /a/{a}/template-log} (the send log, whose
 * delivery status the {@code TEMPLATESENDJOBFINISH} event fills in, matched by msgid). Reading needs view on
 * templates; sync, delete and a send to one follower edit; a send to a tag publish.
 */
final class TemplatePages implements SectionPages {
    static final Pattern TEMPLATE_ID = Pattern.compile("[-_A-Za-z0-9]{1,128}");
    private static final int LOG_PAGE = 50;

    private TemplateSendStore store;
    private AutoCloseable subscription;

    @Override
    public void configure(WeChatRuntimeBuilder runtime, JdbiStorage storage, Clock clock) {
        store = new TemplateSendStore(storage.jdbi(), clock);
        runtime.job(TemplateSendJob.KIND, new TemplateSendJob(store, new AuditLog(storage.jdbi(), clock), clock));
    }

    @Override
    public void start(Services s) {
        if (store == null) {
            store = new TemplateSendStore(s.storage().jdbi(), s.clock());
        }
        TemplateSendStore st = store;
        subscription = s.events().subscribe(new CallbackListener() {
            @Override
            public void received(MessageContext context) {
                if (context.message() instanceof TemplateSendJobFinishEvent e && e.msgId() != 0) {
                    st.delivered(context.account().name(), e.msgId(), e.status());
                }
            }
        });
    }

    @Override
    public void close() {
        ConversationLive.release(subscription);
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if ("template-log".equals(segment)) {
            if (!rest.isEmpty() && !"/".equals(rest)) {
                throw HttpError.notFound();
            }
            c.requireMethod("GET");
            AccountPages.need(c, account, Section.TEMPLATES, Level.VIEW);
            log(c, account);
            return;
        }
        if (rest.isEmpty() || "/".equals(rest)) {
            c.requireMethod("GET");
            AccountPages.need(c, account, Section.TEMPLATES, Level.VIEW);
            list(c, account, 200, null);
            return;
        }
        if ("/sync".equals(rest)) {
            c.requireMethod("POST");
            AccountPages.need(c, account, Section.TEMPLATES, Level.EDIT);
            sync(c, account);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length != 2 || !TEMPLATE_ID.matcher(parts[0]).matches()) {
            throw HttpError.notFound();
        }
        Template t = c.s.storage().templates().find(account.name(), parts[0]).orElseThrow(HttpError::notFound);
        switch (parts[1]) {
            case "delete" -> {
                c.requireMethod("GET", "POST");
                AccountPages.need(c, account, Section.TEMPLATES, c.post() ? Level.EDIT : Level.VIEW);
                if (c.post()) {
                    delete(c, account, t);
                } else {
                    c.render("templates_delete", 200, "tpl.delete", "account", account.name(), "t", t);
                }
            }
            case "send" -> {
                c.requireMethod("GET", "POST");
                AccountPages.need(c, account, Section.TEMPLATES, c.post() ? Level.EDIT : Level.VIEW);
                List<String> fields = TemplateFields.of(t.content());
                if (c.post()) {
                    send(c, account, t, TemplateForm.of(c, fields));
                } else {
                    TemplateForm f = TemplateForm.empty(fields);
                    if (!c.param("openid").isEmpty()) {
                        f = new TemplateForm("one", c.param("openid"), "", "", f.values());
                    }
                    sendForm(c, account, t, f, 200, null);
                }
            }
            default -> throw HttpError.notFound();
        }
    }

    private void list(Ctx c, Account account, int status, String error) throws IOException {
        boolean canEdit = c.user.can(account.name(), Section.TEMPLATES, Level.EDIT);
        String openid = ConversationPages.OPENID.matcher(c.param("openid")).matches() ? c.param("openid") : "";
        c.render("templates_list", status, "tpl.title", "account", account.name(), "openid", openid,
                "templates", c.s.storage().templates().templates(account.name()), "canEdit", canEdit, "error", error,
                "lastSync", c.s.storage().syncStates().get(account.name(), TemplateSync.KIND).orElse(null));
    }

    private void sync(Ctx c, Account account) throws IOException {
        try {
            JobHandle h = c.s.runtime().jobs().start(account, JobKind.TEMPLATES, c.who());
            c.s.audit().record(c.who(), account.name(), "job.start", JobKind.TEMPLATES.name() + " " + h.id(), true,
                    null, null);
            c.redirect("/jobs/" + h.id(), null);
        } catch (JobConflictException e) {
            c.s.audit().record(c.who(), account.name(), "job.start", JobKind.TEMPLATES.name(), false, null,
                    "already running: job " + e.runningJobId());
            list(c, account, 409, c.msg.t("tpl.sync.running"));
        }
    }

    private void delete(Ctx c, Account account, Template t) throws IOException {
        try {
            c.s.runtime().client(account).templates().delete(t.templateId());
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), account.name(), "template.delete", t.templateId(), false,
                    ConversationErrors.errcode(e), ConversationErrors.detail(e));
            list(c, account, 502, ConversationErrors.text(c.msg, e));
            return;
        }
        c.s.storage().templates().delete(account.name(), t.templateId());
        c.s.audit().record(c.who(), account.name(), "template.delete", t.templateId(), true, null, t.title());
        c.redirect("/a/" + account.name() + "/templates", "tpl.deleted");
    }

    private void sendForm(Ctx c, Account account, Template t, TemplateForm f, int status, String error)
            throws IOException {
        List<WeChatUser> followers = c.s.storage().users().query(account.name(), FollowerQuery.builder()
                .subscribed(true).page(PageRequest.first(200).countUpTo(0)).build()).items();
        c.render("templates_send", status, "tpl.send", "account", account.name(), "t", t, "f", f,
                "followers", followers,
                "tags", c.s.storage().tags().tags(account.name()), "error", error,
                "canPublish", c.user.can(account.name(), Section.TEMPLATES, Level.PUBLISH));
    }

    private void send(Ctx c, Account account, Template t, TemplateForm f) throws IOException {
        String invalid = validate(f);
        if (invalid != null) {
            sendForm(c, account, t, f, 400, c.msg.t(invalid));
            return;
        }
        if ("tag".equals(f.target())) {
            AccountPages.need(c, account, Section.TEMPLATES, Level.PUBLISH);
            sendToTag(c, account, t, f);
            return;
        }
        long row = store.sending(account.name(), null, t.templateId(), f.openid(), c.who(), f.values());
        TemplateMessage m = TemplateMessage.of(f.openid(), t.templateId(), f.values());
        if (!f.url().isEmpty()) {
            m = m.withUrl(f.url());
        }
        long msgId;
        try {
            msgId = c.s.runtime().client(account).templates().send(m);
        } catch (WeChatException e) {
            store.refused(row, ConversationErrors.errcode(e));
            c.s.audit().record(c.who(), account.name(), "template.send", f.openid(), false,
                    ConversationErrors.errcode(e), t.templateId() + ": " + ConversationErrors.detail(e));
            sendForm(c, account, t, f, 502, ConversationErrors.text(c.msg, e));
            return;
        }
        store.sent(row, msgId);
        c.s.audit().record(c.who(), account.name(), "template.send", f.openid(), true, null,
                t.templateId() + " msgid " + msgId);
        c.redirect("/a/" + account.name() + "/template-log", "tpl.sent");
    }

    private void sendToTag(Ctx c, Account account, Template t, TemplateForm f) throws IOException {
        int tagId = Integer.parseInt(f.tagId());
        long batch = store.createBatch(account.name(), t.templateId(), tagId, f.values(),
                f.url().isEmpty() ? null : f.url(), c.who());
        try {
            JobHandle h = c.s.runtime().jobs().start(account, TemplateSendJob.KIND, c.who());
            c.s.audit().record(c.who(), account.name(), "template.sendtag", "tag " + tagId, true, null,
                    t.templateId() + " batch " + batch + " job " + h.id());
            c.redirect("/jobs/" + h.id(), null);
        } catch (JobConflictException e) {
            store.cancelBatch(batch);
            c.s.audit().record(c.who(), account.name(), "template.sendtag", "tag " + tagId, false, null,
                    "already running: job " + e.runningJobId());
            sendForm(c, account, t, f, 409, c.msg.t("tpl.send.running"));
        }
    }

    private static String validate(TemplateForm f) {
        if ("tag".equals(f.target())) {
            if (!f.tagId().matches("[0-9]{1,9}")) {
                return "tpl.bad.tag";
            }
        } else if (!ConversationPages.OPENID.matcher(f.openid()).matches()) {
            return "tpl.bad.openid";
        }
        for (String v : f.values().values()) {
            if (v.length() > TemplateForm.VALUE_MAX) {
                return "tpl.bad.value";
            }
        }
        if (!f.url().isEmpty() && !ConversationReply.webUrl(f.url())) {
            return "tpl.bad.url";
        }
        return null;
    }

    private void log(Ctx c, Account account) throws IOException {
        String template = c.param("template");
        String status = c.param("status");
        String openid = c.param("openid");
        String before = c.param("before");
        if (template.length() > 128 || status.length() > 64 || openid.length() > 255
                || !before.isEmpty() && !before.matches("[0-9]{1,18}")) {
            throw new HttpError(400, "conv.badfilter");
        }
        List<TemplateSendRow> rows = store.page(account.name(), template, status, openid,
                before.isEmpty() ? 0 : Long.parseLong(before), LOG_PAGE + 1);
        boolean more = rows.size() > LOG_PAGE;
        rows = more ? rows.subList(0, LOG_PAGE) : rows;
        String next = null;
        if (more) {
            StringBuilder q = new StringBuilder("/a/" + account.name() + "/template-log?before="
                    + rows.get(rows.size() - 1).id());
            append(q, "template", template);
            append(q, "status", status);
            append(q, "openid", openid);
            next = q.toString();
        }
        String demo = rows.stream().filter(r -> "sent".equals(r.status())).findFirst()
                .map(r -> ConversationPages.demoCommand(c, account, "--from " + r.openid()
                        + " --event TEMPLATESENDJOBFINISH --field MsgID=" + r.msgId() + " --field Status=success"))
                .orElse(null);
        c.render("templates_log", 200, "tpl.log", "account", account.name(), "rows", rows, "demoCommand", demo,
                "template", template,
                "status", status, "openid", openid, "next", next);
    }

    private static void append(StringBuilder q, String name, String value) {
        if (!value.isEmpty()) {
            q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
