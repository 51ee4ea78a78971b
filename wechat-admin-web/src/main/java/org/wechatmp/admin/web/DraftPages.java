package org.wechatmp.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;

/**
 * Drafts and publishing, read from and written to WeChat (permanent news can no longer be added or edited: 45106).
 * {@code /a/{a}/drafts}: the drafts; {@code /drafts/new} and {@code /drafts/{mediaId}?index=}: the article editor
 * (cover from the image materials, body images through {@code media/uploadimg}); {@code /drafts/{id}/preview}: the
 * sanitized body in a sandboxed iframe ({@code /drafts/{id}/frame}); {@code /drafts/{id}/publish}: submit
 * ({@code freepublish/submit}, needs PUBLISH); {@code /drafts/{id}/delete}; {@code /a/{a}/published}: the admin's
 * submissions with their state (from the {@code PUBLISHJOBFINISH} event, else polled) and WeChat's published list;
 * {@code /a/{a}/published/{articleId}/delete} ({@code freepublish/delete}, needs PUBLISH).
 */
final class DraftPages {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private PublishJobs jobs;

    void jobs(PublishJobs jobs) {
        this.jobs = jobs;
    }

    void route(Ctx c, Account a, String segment, String rest) throws IOException {
        if ("published".equals(segment)) {
            String[] del = rest.startsWith("/") ? rest.substring(1).split("/", -1) : new String[0];
            if (del.length == 2 && "delete".equals(del[1]) && MaterialPages.ID.matcher(del[0]).matches()) {
                deletePublished(c, a, del[0]);
                return;
            }
            if (!rest.isEmpty() && !"/".equals(rest)) {
                throw HttpError.notFound();
            }
            c.requireMethod("GET");
            AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
            published(c, a);
            return;
        }
        if (rest.isEmpty() || "/".equals(rest)) {
            c.requireMethod("GET");
            AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
            list(c, a, 200, null);
            return;
        }
        if ("/uploadimg".equals(rest)) {
            uploadImageJson(c, a);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length > 2 || !MaterialPages.ID.matcher(parts[0]).matches()) {
            throw HttpError.notFound();
        }
        String id = "new".equals(parts[0]) ? null : parts[0];
        String action = parts.length == 2 ? parts[1] : "";
        if (id == null && !action.isEmpty()) {
            throw HttpError.notFound();
        }
        switch (action) {
            case "" -> edit(c, a, id);
            case "preview", "frame" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
                preview(c, a, id, "frame".equals(action));
            }
            case "publish" -> publish(c, a, id);
            case "remove" -> remove(c, a, id);
            case "delete" -> delete(c, a, id);
            default -> throw HttpError.notFound();
        }
    }

    private static WeChatClient client(Ctx c, Account a) {
        return c.s.runtime().client(a);
    }

    private void list(Ctx c, Account a, int status, MaterialError error) throws IOException {
        int page = MaterialPages.pageParam(c);
        DraftItem.Page drafts = new DraftItem.Page(0, List.of());
        try {
            drafts = DraftItem.drafts(client(c, a), (page - 1) * DraftItem.PAGE, DraftItem.PAGE);
        } catch (WeChatException e) {
            error = error != null ? error : MaterialError.of(e);
            status = status == 200 ? 502 : status;
        }
        c.render("drafts_list", status, "drafts.title", "a", a.name(), "drafts", drafts, "page", page, "pages",
                Math.max(1, (drafts.total() + DraftItem.PAGE - 1) / DraftItem.PAGE), "canEdit",
                c.user.can(a.name(), Section.MATERIALS, Level.EDIT), "canPublish",
                c.user.can(a.name(), Section.MATERIALS, Level.PUBLISH), "error", error);
    }

    /** The most articles WeChat keeps in one draft. */
    static final int MAX_ARTICLES = 8;

    private static int index(Ctx c, int size) {
        return index(c, size, false);
    }

    /** The article asked for; with {@code append}, {@code size} too (a new article after the last, up to 8). */
    private static int index(Ctx c, int size, boolean append) {
        try {
            int i = Integer.parseInt(c.param("index"));
            int end = append && size > 0 && size < MAX_ARTICLES ? size + 1 : Math.max(1, size);
            return i >= 0 && i < end ? i : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A draft's articles; an unknown draft (40007) is 404; another failure shows the list with it and is null. */
    private List<NewsArticle> articles(Ctx c, Account a, String id) throws IOException {
        try {
            return client(c, a).drafts().get(id);
        } catch (WeChatApiException e) {
            if (e.errcode() == 40007) {
                throw HttpError.notFound();
            }
            list(c, a, 502, MaterialError.of(e));
        } catch (WeChatException e) {
            list(c, a, 502, MaterialError.of(e));
        }
        return null;
    }

    private void edit(Ctx c, Account a, String id) throws IOException {
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.EDIT : Level.VIEW);
        List<NewsArticle> articles = id == null ? List.of() : articles(c, a, id);
        if (articles == null) {
            return;
        }
        int index = index(c, articles.size(), true);
        boolean append = id != null && index == articles.size();
        if (!c.post()) {
            DraftForm form = append || articles.isEmpty() ? DraftForm.empty() : DraftForm.of(articles.get(index));
            form(c, a, id, index, articles, form, 200, null, null);
            return;
        }
        DraftForm form = DraftForm.of(c);
        if ("uploadimg".equals(c.param("action"))) {
            uploadImage(c, a, id, index, articles, form);
            return;
        }
        String problem = form.problem();
        if (problem != null) {
            form(c, a, id, index, articles, form, 400, MaterialError.of(problem), null);
            return;
        }
        if (append) {
            append(c, a, id, articles, form);
            return;
        }
        String saved = id;
        try {
            if (id == null) {
                saved = client(c, a).drafts().add(List.of(form.article()));
            } else {
                client(c, a).drafts().update(id, index, form.article());
            }
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), id == null ? "draft.create" : "draft.update",
                    id == null ? form.title() : id, false, e instanceof WeChatApiException api ? api.errcode() : null,
                    e.getMessage());
            form(c, a, id, index, articles, form, 400, MaterialError.of(e), null);
            return;
        }
        c.s.audit().record(c.who(), a.name(), id == null ? "draft.create" : "draft.update", saved, true, null,
                form.title());
        c.redirect("/a/" + a.name() + "/drafts/" + saved + (index > 0 ? "?index=" + index : ""), "saved");
    }

    /**
     * A new article after the last: WeChat cannot add one to a draft, so the draft is made again with all its
     * articles and the new one ({@code draft/add}), then the old one is deleted ({@code draft/delete}); the draft's
     * media id changes. When the delete fails the new draft stays and the old one is named in the notice.
     */
    private void append(Ctx c, Account a, String id, List<NewsArticle> articles, DraftForm form) throws IOException {
        List<org.wechatmp.core.client.DraftArticle> all = new java.util.ArrayList<>();
        for (NewsArticle n : articles) {
            all.add(DraftForm.of(n).article());
        }
        all.add(form.article());
        Remade made = remake(c, a, id, all, "draft.append");
        if (made.refused() != null) {
            form(c, a, id, articles.size(), articles, form, 400, MaterialError.of(made.refused()), null);
            return;
        }
        c.redirect("/a/" + a.name() + "/drafts/" + made.id() + "?index=" + articles.size(),
                made.oldKept() ? "drafts.appended.oldkept" : "drafts.appended");
    }

    /**
     * {@code /drafts/{id}/remove?index=i} (POST, edit): the article at {@code i} leaves the draft, which is made again
     * without it and the old one deleted, as for an added article. The last article cannot be removed (delete the
     * draft instead).
     */
    private void remove(Ctx c, Account a, String id) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.EDIT);
        List<NewsArticle> articles = articles(c, a, id);
        if (articles == null) {
            return;
        }
        int index = index(c, articles.size());
        if (articles.size() < 2) {
            form(c, a, id, 0, articles, articles.isEmpty() ? DraftForm.empty() : DraftForm.of(articles.get(0)), 400,
                    MaterialError.of("drafts.remove.last"), null);
            return;
        }
        List<org.wechatmp.core.client.DraftArticle> rest = new java.util.ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            if (i != index) {
                rest.add(DraftForm.of(articles.get(i)).article());
            }
        }
        Remade made = remake(c, a, id, rest, "draft.remove");
        if (made.refused() != null) {
            form(c, a, id, index, articles, DraftForm.of(articles.get(index)), 400, MaterialError.of(made.refused()),
                    null);
            return;
        }
        c.redirect("/a/" + a.name() + "/drafts/" + made.id(),
                made.oldKept() ? "drafts.removed.oldkept" : "drafts.removed");
    }

    /**
     * A draft made again: its new media id and whether the old one could not be deleted (it stays, audited), or
     * WeChat's refusal of the new draft (nothing changed).
     *
     * @param id the new media id, or {@code null} when refused
     * @param oldKept whether the old draft is still there
     * @param refused WeChat's refusal, or {@code null}
     */
    private record Remade(String id, boolean oldKept, WeChatException refused) {
    }

    /**
     * Makes a draft again with {@code articles} ({@code draft/add}) and deletes the old one: WeChat can neither add
     * nor remove an article of a draft.
     */
    private static Remade remake(Ctx c, Account a, String id, List<org.wechatmp.core.client.DraftArticle> articles,
            String action) {
        String[] made = {null};
        WeChatException refused = audited(c, a, action, id, () -> made[0] = client(c, a).drafts().add(articles));
        if (refused != null) {
            return new Remade(null, false, refused);
        }
        boolean oldKept = audited(c, a, "draft.delete", id, () -> client(c, a).drafts().delete(id)) != null;
        return new Remade(made[0], oldKept, null);
    }

    /**
     * An image for an article body, checked (jpg/png under 1 MB, by magic bytes) and sent to {@code media/uploadimg}.
     *
     * @param url the URL WeChat gave, or {@code null}
     * @param error why not, or {@code null}
     */
    private record BodyImage(String url, MaterialError error) {
    }

    private BodyImage bodyImage(Ctx c, Account a) throws IOException {
        MaterialCheck check = MaterialCheck.ARTICLE_IMAGE;
        MaterialUpload.Upload file = MaterialUpload.file(c, "image", check.maxBytes(), "image.png");
        String problem = file == null ? "materials.upload.nofile" : check.problem(file.name(), file.bytes());
        if (problem != null) {
            return new BodyImage(null, MaterialError.of(problem));
        }
        try {
            String url = client(c, a).materials().uploadArticleImage(file.name(), file.bytes());
            c.s.audit().record(c.who(), a.name(), "draft.uploadimg", file.name(), true, null, url);
            return new BodyImage(url, null);
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "draft.uploadimg", file.name(), false,
                    e instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            return new BodyImage(null, MaterialError.of(e));
        }
    }

    /** Without JavaScript: the editor comes back with the image appended to the body (nothing typed is lost). */
    private void uploadImage(Ctx c, Account a, String id, int index, List<NewsArticle> articles, DraftForm form)
            throws IOException {
        BodyImage img = bodyImage(c, a);
        if (img.error() != null) {
            form(c, a, id, index, articles, form, 400, img.error(), null);
            return;
        }
        form(c, a, id, index, articles, form.withImage(img.url()), 200, null, "drafts.imageinserted");
    }

    /** {@code POST /a/{a}/drafts/uploadimg}, for the editor's script: JSON {@code {"url"}} or {@code {"error"}}. */
    private void uploadImageJson(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.EDIT);
        BodyImage img = bodyImage(c, a);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (img.error() == null) {
            out.put("url", img.url());
        } else {
            MaterialError e = img.error();
            out.put("error", c.msg.t(e.key()) + (e.errcode() == null ? "" : " " + c.msg.t("materials.errcode.detail",
                    String.valueOf(e.errcode()), e.errmsg() == null ? "" : e.errmsg())));
        }
        byte[] body = JSON.writeValueAsBytes(out);
        c.resp.setStatus(img.error() == null ? 200 : 400);
        c.resp.setContentType("application/json;charset=UTF-8");
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.setContentLength(body.length);
        c.resp.getOutputStream().write(body);
    }

    private void form(Ctx c, Account a, String id, int index, List<NewsArticle> articles, DraftForm form, int status,
            MaterialError error, String notice) throws IOException {
        c.render("drafts_form", status, id == null ? "drafts.new" : "drafts.edit", "a", a.name(), "id", id,
                "index", index, "articles", articles, "form", form, "images", MaterialPages.images(c, a),
                "canEdit", c.user.can(a.name(), Section.MATERIALS, Level.EDIT), "canPublish",
                c.user.can(a.name(), Section.MATERIALS, Level.PUBLISH), "error", error, "notice", notice);
    }

    private void preview(Ctx c, Account a, String id, boolean frame) throws IOException {
        if (id == null) {
            throw HttpError.notFound();
        }
        List<NewsArticle> articles = articles(c, a, id);
        if (articles == null) {
            return;
        }
        if (articles.isEmpty()) {
            throw HttpError.notFound();
        }
        int index = index(c, articles.size());
        NewsArticle art = articles.get(index);
        if (!frame) {
            c.render("drafts_preview", 200, "drafts.preview", "a", a.name(), "id", id, "index", index, "articles",
                    articles, "article", art);
            return;
        }
        byte[] body = DraftPreview.document(art.title() == null ? "" : art.title(), DraftPreview.sanitize(
                art.content(), a, c.req.getContextPath()), c.msg.lang()).getBytes(StandardCharsets.UTF_8);
        c.resp.setStatus(200);
        c.resp.setContentType("text/html;charset=UTF-8");
        c.resp.setHeader("Content-Security-Policy", DraftPreview.HEADERS_CSP);
        c.resp.setHeader("X-Frame-Options", "SAMEORIGIN");
        c.resp.setHeader("Cache-Control", "no-store");
        c.resp.setContentLength(body.length);
        c.resp.getOutputStream().write(body);
    }

    private void publish(Ctx c, Account a, String id) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.PUBLISH);
        String publishId;
        String title;
        try {
            List<NewsArticle> articles = client(c, a).drafts().get(id);
            title = articles.isEmpty() || articles.get(0).title() == null ? id : articles.get(0).title();
            publishId = client(c, a).freePublish().submit(id);
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "draft.publish", id, false,
                    e instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            list(c, a, 400, MaterialError.of(e));
            return;
        }
        jobs.submitted(a.name(), publishId, id, title, c.who());
        c.s.audit().record(c.who(), a.name(), "draft.publish", id, true, null, "publish_id " + publishId);
        c.redirect("/a/" + a.name() + "/published", "drafts.submitted");
    }

    private void delete(Ctx c, Account a, String id) throws IOException {
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.EDIT : Level.VIEW);
        if (!c.post()) {
            c.render("drafts_delete", 200, "drafts.delete", "a", a.name(), "id", id);
            return;
        }
        WeChatException refused = audited(c, a, "draft.delete", id, () -> client(c, a).drafts().delete(id));
        if (refused != null) {
            list(c, a, 400, MaterialError.of(refused));
            return;
        }
        c.redirect("/a/" + a.name() + "/drafts", "drafts.deleted");
    }

    /** Makes one change in WeChat, audited either way; WeChat's refusal (audited as such), or {@code null}. */
    private static WeChatException audited(Ctx c, Account a, String action, String target, Runnable call) {
        try {
            call.run();
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), action, target, false,
                    e instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            return e;
        }
        c.s.audit().record(c.who(), a.name(), action, target, true, null, null);
        return null;
    }

    /**
     * {@code /published/{articleId}/delete}: a confirmation page (view), then the deletion in WeChat
     * ({@code freepublish/delete}, the whole article, every item of it) by an admin with publish on materials.
     */
    private void deletePublished(Ctx c, Account a, String articleId) throws IOException {
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.PUBLISH : Level.VIEW);
        if (!c.post()) {
            c.render("published_delete", 200, "published.delete", "a", a.name(), "id", articleId);
            return;
        }
        WeChatException refused = audited(c, a, "published.delete", articleId,
                () -> client(c, a).freePublish().delete(articleId, 0));
        if (refused != null) {
            c.render("published_delete", 400, "published.delete", "a", a.name(), "id", articleId, "error",
                    MaterialError.of(refused));
            return;
        }
        c.redirect("/a/" + a.name() + "/published", "published.deleted");
    }

    private void published(Ctx c, Account a) throws IOException {
        int page = MaterialPages.pageParam(c);
        jobs.settle(a.name(), client(c, a));
        DraftItem.Page items = new DraftItem.Page(0, List.of());
        MaterialError error = null;
        try {
            items = DraftItem.published(client(c, a), (page - 1) * DraftItem.PAGE, DraftItem.PAGE);
        } catch (WeChatException e) {
            error = MaterialError.of(e);
        }
        c.render("drafts_published", error == null ? 200 : 502, "published.title", "a", a.name(), "jobs",
                jobs.recent(a.name(), 20), "items", items, "page", page, "pages",
                Math.max(1, (items.total() + DraftItem.PAGE - 1) / DraftItem.PAGE), "error", error);
    }
}
