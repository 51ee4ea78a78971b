package org.wechatmp.admin.web;

import java.io.IOException;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.CommentPage;
import org.wechatmp.core.client.CommentsApi;

/**
 * {@code /a/{a}/comments} (the articles this admin mass-sent, with their {@code msg_data_id}, and a form to open any
 * article by {@code msg_data_id} and index), {@code /comments/{msgDataId}/{index}} (its comments as WeChat pages them,
 * filtered all / normal / elected) and the actions {@code open}, {@code close} (comments on the article) and, per
 * comment, {@code elect}, {@code unelect}, {@code delete}, {@code reply}, {@code unreply}. View on
 * {@link Section#MATERIALS} reads, edit acts; every action is audited with WeChat's errcode when it refuses.
 */
final class CommentPages {
    static final int PAGE = CommentsApi.PAGE_LIMIT;
    static final int MAX_REPLY = 1000;
    private final BroadcastStore store;

    CommentPages(BroadcastStore store) {
        this.store = store;
    }

    void route(Ctx c, Account a, String rest) throws IOException {
        AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
        if (rest.isEmpty() || "/".equals(rest)) {
            c.requireMethod("GET");
            index(c, a);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length < 2 || parts.length > 4 || !parts[0].matches("[0-9]{1,18}")
                || !parts[1].matches("[0-9]{1,2}")) {
            throw HttpError.notFound();
        }
        long dataId = Long.parseLong(parts[0]);
        int index = Integer.parseInt(parts[1]);
        if (parts.length == 2) {
            c.requireMethod("GET");
            article(c, a, dataId, index, 200, null, "", "");
            return;
        }
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.EDIT);
        if (parts.length == 3) {
            if (!"open".equals(parts[2]) && !"close".equals(parts[2])) {
                throw HttpError.notFound();
            }
            act(c, a, dataId, index, 0, parts[2]);
            return;
        }
        if (!parts[2].matches("[0-9]{1,18}") || !java.util.List.of("elect", "unelect", "delete", "reply", "unreply")
                .contains(parts[3])) {
            throw HttpError.notFound();
        }
        act(c, a, dataId, index, Long.parseLong(parts[2]), parts[3]);
    }

    private void index(Ctx c, Account a) throws IOException {
        String id = c.param("msgDataId");
        String idx = c.param("index");
        String error = null;
        if (!id.isEmpty() || !idx.isEmpty()) {
            if (id.matches("[0-9]{1,18}") && idx.matches("[0-9]{1,2}")) {
                c.redirect("/a/" + a.name() + "/comments/" + id + "/" + idx, null);
                return;
            }
            error = c.msg.t("reach.comments.err.article");
        }
        c.render("comments_index", error == null ? 200 : 400, "reach.comments.title", "account", a.name(), "articles",
                store.articles(a.name(), 100), "error", error, "msgDataId", id, "index", idx);
    }

    private void article(Ctx c, Account a, long dataId, int index, int status, String error, String replyTo,
            String replyText) throws IOException {
        String type = switch (c.param("type")) {
            case "normal", "elected" -> c.param("type");
            default -> "all";
        };
        int begin = c.param("begin").matches("[0-9]{1,6}") ? Integer.parseInt(c.param("begin")) : 0;
        CommentPage page = new CommentPage(0, java.util.List.of());
        String loadError = null;
        try {
            page = ReachPages.client(c, a).comments().list(dataId, index, begin, PAGE,
                    CommentsApi.Filter.valueOf(type.toUpperCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            loadError = ReachPages.explain(c, e);
        }
        c.render("comments_article", status, "reach.comments.article", "account", a.name(), "dataId", dataId,
                "index", index, "page", page, "type", type, "begin", begin, "size", PAGE, "error",
                error != null ? error : loadError, "replyTo", replyTo, "replyText", replyText, "canEdit",
                c.user.can(a.name(), Section.MATERIALS, Level.EDIT));
    }

    private void act(Ctx c, Account a, long dataId, int index, long commentId, String action) throws IOException {
        String target = "article " + dataId + "/" + index + (commentId == 0 ? "" : " comment " + commentId);
        String text = c.param("content");
        if ("reply".equals(action) && (text.isEmpty() || text.length() > MAX_REPLY)) {
            article(c, a, dataId, index, 400, c.msg.t("reach.comments.err.reply"), String.valueOf(commentId), text);
            return;
        }
        CommentsApi api = ReachPages.client(c, a).comments();
        try {
            switch (action) {
                case "open" -> api.open(dataId, index);
                case "close" -> api.close(dataId, index);
                case "elect" -> api.markElect(dataId, index, commentId);
                case "unelect" -> api.unmarkElect(dataId, index, commentId);
                case "delete" -> api.delete(dataId, index, commentId);
                case "reply" -> api.reply(dataId, index, commentId, text);
                default -> api.deleteReply(dataId, index, commentId);
            }
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "comment." + action, target, e);
            article(c, a, dataId, index, 502, ReachPages.explain(c, e), "reply".equals(action)
                    ? String.valueOf(commentId) : "", text);
            return;
        }
        c.s.audit().record(c.who(), a.name(), "comment." + action, target, true, null,
                "reply".equals(action) ? text : null);
        String back = c.param("back");
        c.redirect("/a/" + a.name() + "/comments/" + dataId + "/" + index
                + (back.matches("\\?[a-z]+=[a-z]+(&begin=[0-9]{1,6})?") ? back : ""), "reach.comments.done." + action);
    }
}
