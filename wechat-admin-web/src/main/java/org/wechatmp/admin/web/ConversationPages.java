package org.wechatmp.admin.web;

import gg.jte.output.StringOutput;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.StoredMaterial;

/**
 * The message log ({@code /a/{a}/messages}: both directions, filters and search in the URL, keyset pages) and the
 * per-follower thread ({@code /a/{a}/messages/{openid}}: live over server-sent events at {@code .../events}, with the
 * customer-service reply box ({@code POST .../send}) and the typing indicator ({@code POST .../typing}), open only
 * within WeChat's 48-hour window). Reading needs view on messages, sending edit.
 */
final class ConversationPages implements SectionPages {
    static final Pattern OPENID = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final long STREAM_TIMEOUT_MILLIS = 60 * 60 * 1000L;
    private static final int THREAD_PAGE = 50;

    private final ConversationLive live = new ConversationLive();
    private AutoCloseable subscription;

    @Override
    public void start(Services s) {
        live.start(s.clock());
        subscription = s.events().subscribe(live);
    }

    @Override
    public void close() {
        ConversationLive.release(subscription);
        live.close();
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if (rest.isEmpty() || "/".equals(rest)) {
            c.requireMethod("GET");
            AccountPages.need(c, account, Section.MESSAGES, Level.VIEW);
            list(c, account);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        String openid = parts[0];
        if (!OPENID.matcher(openid).matches() || parts.length > 2) {
            throw HttpError.notFound();
        }
        String action = parts.length == 2 ? parts[1] : "";
        switch (action) {
            case "" -> {
                c.requireMethod("GET");
                AccountPages.need(c, account, Section.MESSAGES, Level.VIEW);
                thread(c, account, openid, 200, ConversationForm.EMPTY, null);
            }
            case "events" -> {
                c.requireMethod("GET");
                AccountPages.need(c, account, Section.MESSAGES, Level.VIEW);
                events(c, account, openid);
            }
            case "send", "typing" -> {
                c.requireMethod("POST");
                AccountPages.need(c, account, Section.MESSAGES, Level.EDIT);
                ConversationReply reply = new ConversationReply(c, account, openid, live);
                String error = "send".equals(action) ? reply.send() : reply.typing();
                if (error == null) {
                    c.redirect("/a/" + account.name() + "/messages/" + openid,
                            "send".equals(action) ? "conv.sent" : "conv.typing.sent");
                } else {
                    thread(c, account, openid, reply.status(), reply.form(), error);
                }
            }
            default -> throw HttpError.notFound();
        }
    }

    private void list(Ctx c, Account account) throws IOException {
        ConversationFilter f = ConversationFilter.of(c);
        Page<LoggedMessage> page = c.s.storage().messageLog().query(account.name(), f.query(c.zone));
        List<ConversationRow> rows = new ConversationRows(c.s.storage().users(), account.name()).rows(page.items());
        String base = "/a/" + account.name() + "/messages";
        c.render("messages_list", 200, "conv.title", "account", account.name(), "f", f, "rows", rows,
                "next", page.nextCursor() == null ? null : f.next(base, page.nextCursor()),
                "total", page.total(), "totalExact", page.totalExact(),
                "handlers", c.s.storage().handlers().handlers(account.name()).stream().map(h -> h.name())
                        .distinct().sorted().toList());
    }

    /** The follower's last logged message, or {@code null}. */
    static Instant lastInbound(Services s, String account, String openid) {
        Page<LoggedMessage> last = s.storage().messageLog().query(account, MessageLogQuery.builder().openid(openid)
                .direction(MessageLogEntry.Direction.IN).page(PageRequest.first(1).countUpTo(0)).build());
        return last.items().isEmpty() ? null : last.items().get(0).entry().createdAt();
    }

    /**
     * In demo mode, the command that posts a signed callback to the account as WeChat would (the double's
     * {@code SendMessage}); {@code null} otherwise.
     */
    static String demoCommand(Ctx c, Account account, String args) {
        if (!c.s.demo()) {
            return null;
        }
        return "mvn -B -q -f examples/wechat-double exec:java "
                + "-Dexec.mainClass=org.wechatmp.examples.wechatdouble.SendMessage -Dexec.args=\"--url "
                + c.callbackUrl(account.name()) + " " + args + "\"";
    }

    static List<StoredMaterial> images(Services s, String account) {
        return s.storage().materials().query(account, "image", PageRequest.first(100).countUpTo(0)).items();
    }

    private void thread(Ctx c, Account account, String openid, int status, ConversationForm form, String error)
            throws IOException {
        String after = c.post() ? "" : c.param("after");
        PageRequest request = PageRequest.first(THREAD_PAGE).countUpTo(0);
        if (!after.isEmpty()) {
            try {
                MessageLogQuery.Cursor.parse(after);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "conv.badfilter");
            }
            request = request.after(after);
        }
        Page<LoggedMessage> page = c.s.storage().messageLog().thread(account.name(), openid, request);
        ConversationRows conv = new ConversationRows(c.s.storage().users(), account.name());
        List<ConversationRow> rows = new ArrayList<>(conv.rows(page.items()));
        Collections.reverse(rows);
        ConversationWindow window = ConversationWindow.of(account, lastInbound(c.s, account.name(), openid),
                c.s.clock());
        boolean canEdit = c.user.can(account.name(), Section.MESSAGES, Level.EDIT);
        String older = page.nextCursor() == null ? null
                : "/a/" + account.name() + "/messages/" + openid + "?after=" + page.nextCursor();
        c.render("messages_thread", status, "conv.thread", "account", account.name(), "openid", openid,
                "demoCommand", demoCommand(c, account, "--from " + openid + " 你好"),
                "name", conv.name(openid), "rows", rows, "older", older, "live", after.isEmpty(),
                "box", new ConversationBox(account.name(), openid, window, canEdit, images(c.s, account.name()), form,
                        error));
    }

    private void events(Ctx c, Account account, String openid) throws IOException {
        org.wechatmp.admin.web.Page p = c.page("conv.thread");
        boolean canEdit = c.user.can(account.name(), Section.MESSAGES, Level.EDIT);
        Services s = c.s;
        String name = account.name();
        c.resp.setStatus(200);
        c.resp.setContentType("text/event-stream;charset=UTF-8");
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext ac = c.req.startAsync();
        ac.setTimeout(STREAM_TIMEOUT_MILLIS);
        c.resp.getOutputStream().write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        c.resp.flushBuffer();
        ConversationStream stream = new ConversationStream(ac, live.executor(),
                row -> render(s, "messages_bubble.jte", p, "row", row),
                row -> render(s, "messages_box.jte", p, "box", new ConversationBox(name, openid,
                        ConversationWindow.of(account, row.at(), s.clock()), canEdit, images(s, name),
                        ConversationForm.EMPTY, null)));
        AutoCloseable sub = live.subscribe(name, openid, stream);
        if (sub == null) {
            ac.complete(); // too many open threads: the browser retries later
            return;
        }
        stream.open(sub, !ConversationWindow.of(account, lastInbound(s, name, openid), s.clock()).open());
    }

    private static String render(Services s, String template, org.wechatmp.admin.web.Page p, String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put("p", p);
        map.put(key, value);
        StringOutput out = new StringOutput();
        s.templates().render(template, map, out);
        return out.toString();
    }
}
