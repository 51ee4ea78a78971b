package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.StoredMaterial;

/**
 * The handler form ({@code /replies/new}, {@code /replies/{id}}): rules and replies inline, strategy, window,
 * enabled and log flags. "More rows" adds blank rows without saving (no JavaScript needed). A refused form comes
 * back with everything as typed and every problem listed. A news reply may name a published article: its articles
 * are fetched once ({@code freepublish/getarticle}) and stored as the local news material
 * {@code published-{article_id}}, which the engine answers from.
 */
final class ReplyFormPages {
    static final String PUBLISHED = "published-";

    private ReplyFormPages() {
    }

    static void form(Ctx c, Account account, Handler existing) throws IOException {
        c.requireMethod("GET", "POST");
        if (!c.post()) {
            show(c, account, existing == null ? HandlerForm.blank() : HandlerForm.of(existing, c.zone), List.of(),
                    200);
            return;
        }
        HandlerForm form = HandlerForm.read(c, existing == null ? 0 : existing.id(),
                existing == null ? Handler.Source.SELF : existing.source());
        if (!c.param("more").isEmpty()) {
            show(c, account, form.more(HandlerForm.BLANK_ROWS), List.of(), 200);
            return;
        }
        List<HandlerProblem> problems = new ArrayList<>();
        HandlerForm resolved = published(form, problems);
        Handler h = problems.isEmpty() ? resolved.parse(c.zone, existing == null ? null : existing.createdAt(),
                problems) : null;
        if (h != null) {
            problems.addAll(check(c, account).problems(h));
        }
        if (problems.isEmpty()) {
            fetchArticles(c, account, form, problems);
        }
        if (!problems.isEmpty()) {
            show(c, account, form, problems, 400);
            return;
        }
        Handler saved = ReplyPages.handlers(c).save(account.name(), h);
        c.s.audit().record(c.who(), account.name(), existing == null ? "replies.create" : "replies.update",
                ReplyPages.target(saved), true, null, null);
        c.redirect(ReplyPages.base(account), "replies.saved");
    }

    static HandlerCheck check(Ctx c, Account account) {
        return new HandlerCheck(account, c.s.runtime().engine().customRuleNames(),
                c.s.runtime().engine().customReplyNames());
    }

    /** News rows naming a published article refer to its local copy; the id is checked here, fetched later. */
    private static HandlerForm published(HandlerForm form, List<HandlerProblem> problems) {
        List<HandlerForm.ReplyRow> rows = new ArrayList<>();
        int n = 0;
        for (HandlerForm.ReplyRow r : form.replies()) {
            n += r.blank() ? 0 : 1;
            if ("NEWS".equals(r.type()) && !r.articleId().isEmpty()) {
                if (!r.articleId().matches("[A-Za-z0-9_=-]{1,100}")) {
                    problems.add(HandlerProblem.of("replies.err.articleid", n));
                }
                r = new HandlerForm.ReplyRow(r.type(), "", PUBLISHED + r.articleId(), "", "", "", "", "", "", "", "");
            }
            rows.add(r);
        }
        return form.withReplies(rows);
    }

    private static void fetchArticles(Ctx c, Account account, HandlerForm form, List<HandlerProblem> problems) {
        for (HandlerForm.ReplyRow r : form.replies()) {
            if (!"NEWS".equals(r.type()) || r.articleId().isEmpty()) {
                continue;
            }
            try {
                List<NewsArticle> articles = c.s.runtime().client(account).freePublish().article(r.articleId());
                if (articles.isEmpty()) {
                    throw new WeChatException("no articles");
                }
                c.s.runtime().materials().saveArticles(account.name(), PUBLISHED + r.articleId(), articles);
                c.s.audit().record(c.who(), account.name(), "wechat.freepublish.getarticle", r.articleId(), true,
                        null, null);
            } catch (WeChatException e) {
                WeChatApiException api = ReplyTransfer.api(e);
                c.s.audit().record(c.who(), account.name(), "wechat.freepublish.getarticle", r.articleId(), false,
                        api == null ? null : api.errcode(), api == null ? e.getMessage() : api.errmsg());
                problems.add(HandlerProblem.of("replies.err.article", r.articleId(), ReplyTransfer.wechatError(c,
                        e)));
            }
        }
    }

    private static void show(Ctx c, Account account, HandlerForm form, List<HandlerProblem> problems, int status)
            throws IOException {
        List<StoredMaterial> materials = c.s.runtime().materials().query(account.name(), null,
                PageRequest.first(PageRequest.MAX_LIMIT)).items();
        List<String> texts = problems.stream().map(p -> p.text(c.msg)).toList();
        c.render("replies_form", status, form.id() == 0 ? "replies.new" : "replies.edit", "a", account, "form", form,
                "problems", texts, "materials", materials, "customRules",
                c.s.runtime().engine().customRuleNames(), "customReplies", c.s.runtime().engine().customReplyNames(),
                "canEdit", c.user.can(account.name(), org.wechatmp.admin.auth.Section.REPLIES,
                        org.wechatmp.admin.auth.Level.EDIT));
    }

    /** Reply types in the form's order. */
    static List<String> replyTypes() {
        return java.util.Arrays.stream(HandlerReply.Type.values()).map(Enum::name).toList();
    }
}
