package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerQuery;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;

/**
 * The auto-replies of an account (issue 13), under {@code /a/{account}/replies}: the handler list with filters
 * (available now, source, rule type), search and paging in the URL; enable toggle and weight inline (htmx, with a
 * plain form fallback); the handler form ({@link ReplyFormPages}); the simulation ({@link ReplySimulator}); the
 * console import and JSON export/import ({@link ReplyTransfer}). Viewing needs VIEW on {@link Section#REPLIES},
 * every write EDIT, and every write is audited. Writes go through the runtime's handler repository, which the
 * callback engine reads: the next callback on this node sees a change (other nodes within a second).
 */
final class ReplyPages implements SectionPages {
    static final int PAGE_SIZE = 20;

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        AccountPages.need(c, account, Section.REPLIES, c.post() ? Level.EDIT : Level.VIEW);
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                list(c, account, 200, null);
            }
            case "/new" -> ReplyFormPages.form(c, account, null);
            case "/simulate" -> ReplySimulator.page(c, account);
            case "/import-console" -> ReplyTransfer.importConsole(c, account);
            case "/export" -> ReplyTransfer.export(c, account);
            case "/import" -> ReplyTransfer.importJson(c, account);
            default -> handler(c, account, rest);
        }
    }

    private void handler(Ctx c, Account account, String rest) throws IOException {
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9]{1,18}")) {
            throw HttpError.notFound();
        }
        Handler h = handlers(c).find(account.name(), Long.parseLong(parts[0])).orElseThrow(HttpError::notFound);
        if (parts.length == 1) {
            ReplyFormPages.form(c, account, h);
            return;
        }
        c.requireMethod("POST");
        switch (parts[1]) {
            case "toggle" -> {
                Handler saved = handlers(c).save(account.name(), h.toBuilder().enabled(!h.enabled()).build());
                c.s.audit().record(c.who(), account.name(), saved.enabled() ? "replies.enable" : "replies.disable",
                        target(saved), true, null, null);
                rowOrBack(c, account, saved);
            }
            case "weight" -> {
                int weight;
                try {
                    weight = Integer.parseInt(c.param("weight"));
                } catch (NumberFormatException e) {
                    throw new HttpError(400, "replies.err.weight");
                }
                Handler saved = handlers(c).save(account.name(), h.toBuilder().weight(weight).build());
                c.s.audit().record(c.who(), account.name(), "replies.weight", target(saved), true, null,
                        h.weight() + " -> " + weight);
                rowOrBack(c, account, saved);
            }
            case "delete" -> {
                handlers(c).delete(account.name(), h.id());
                c.s.audit().record(c.who(), account.name(), "replies.delete", target(h), true, null, null);
                c.redirect(base(account), "replies.deleted");
            }
            default -> throw HttpError.notFound();
        }
    }

    /** htmx gets the row again; a plain form goes back to the list it came from. */
    private static void rowOrBack(Ctx c, Account account, Handler saved) throws IOException {
        if ("true".equals(c.req.getHeader("HX-Request"))) {
            c.render("replies_row", 200, "replies.title", "a", account.name(), "h", saved, "now",
                    c.s.clock().instant(), "back", back(c), "canEdit", true);
            return;
        }
        c.redirect(base(account) + back(c), "saved");
    }

    /** The list's query string a row action returns to: {@code ?...} without line breaks, or empty. */
    static String back(Ctx c) {
        String b = c.param("back");
        return b.startsWith("?") && b.length() < 2000 && b.chars().noneMatch(ch -> ch < 0x20) ? b : "";
    }

    static void list(Ctx c, Account account, int status, String error) throws IOException {
        Handler.Source source = parse(Handler.Source.class, c.param("source"));
        Rule.Type ruleType = parse(Rule.Type.class, c.param("rule"));
        boolean available = "1".equals(c.param("available"));
        String q = c.param("q");
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        int pageNo = 1;
        try {
            pageNo = Math.max(1, Math.min(100_000, Integer.parseInt(c.param("page"))));
        } catch (NumberFormatException e) {
            // first page
        }
        Instant now = c.s.clock().instant();
        HandlerQuery query = HandlerQuery.builder().source(source).ruleType(ruleType).search(q).build();
        // the console caps an account at 200 rules and the engine loads them all anyway: filter in memory, so that
        // "available now" can use the clock the engine uses
        List<Handler> all = handlers(c).handlers(account.name()).stream().filter(query::matches)
                .filter(h -> !available || h.isAvailable(now)).sorted(Handler.ORDER).toList();
        Page<Handler> page = Page.slice(all, PageRequest.ofPage(pageNo, PAGE_SIZE));
        StringBuilder qs = new StringBuilder();
        param(qs, "available", available ? "1" : "");
        param(qs, "source", source == null ? "" : source.name());
        param(qs, "rule", ruleType == null ? "" : ruleType.name());
        param(qs, "q", q);
        boolean canEdit = c.user.can(account.name(), Section.REPLIES, Level.EDIT);
        c.render("replies_list", status, "replies.title", "a", account, "handlers", page.items(), "page", page,
                "now", now, "available", available, "source", source == null ? "" : source.name(), "rule",
                ruleType == null ? "" : ruleType.name(), "q", q, "filters", qs.toString(), "canEdit", canEdit,
                "error", error, "total", all.size());
    }

    private static void param(StringBuilder qs, String name, String value) {
        if (!value.isEmpty()) {
            qs.append(qs.length() == 0 ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static HandlerRepository handlers(Ctx c) {
        return c.s.runtime().handlers();
    }

    static String base(Account account) {
        return "/a/" + account.name() + "/replies";
    }

    /** The audit target of a handler: its id and name. */
    static String target(Handler h) {
        return h.id() + " " + h.name();
    }

    /** Every rule type, for the filter. */
    static List<String> ruleTypes() {
        List<String> out = new ArrayList<>();
        for (Rule.Type t : Rule.Type.values()) {
            out.add(t.name());
        }
        return out;
    }
}
