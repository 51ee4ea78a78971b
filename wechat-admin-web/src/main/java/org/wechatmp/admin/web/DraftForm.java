package org.wechatmp.admin.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.wechatmp.core.client.DraftArticle;
import org.wechatmp.core.client.NewsArticle;

/**
 * The article editor's fields, checked against WeChat's limits before any call.
 *
 * @param title the title (required, at most 64 characters)
 * @param author the author (at most 16 characters)
 * @param digest the summary (at most 120 characters)
 * @param content the HTML body (required, under 20,000 characters and 1 MB)
 * @param contentSourceUrl the "read more" URL (http or https), or empty
 * @param thumbMediaId the cover, an image material's media id (required)
 * @param openComment whether comments are open
 * @param fansOnly whether only followers may comment
 */
record DraftForm(String title, String author, String digest, String content, String contentSourceUrl,
        String thumbMediaId, boolean openComment, boolean fansOnly) {
    static DraftForm empty() {
        return new DraftForm("", "", "", "", "", "", false, false);
    }

    static DraftForm of(Ctx c) {
        return new DraftForm(c.param("title"), c.param("author"), c.param("digest"), c.raw("content"),
                c.param("contentSourceUrl"), c.param("thumbMediaId"), "on".equals(c.param("openComment")),
                "on".equals(c.param("fansOnly")));
    }

    static DraftForm of(NewsArticle a) {
        return new DraftForm(nz(a.title()), nz(a.author()), nz(a.digest()), nz(a.content()),
                nz(a.contentSourceUrl()), nz(a.thumbMediaId()), a.needOpenComment() == 1,
                a.onlyFansCanComment() == 1);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A copy with an image appended to the body (after {@code media/uploadimg}). */
    DraftForm withImage(String url) {
        String img = "<p><img src=\"" + url.replace("\"", "%22").replace("<", "%3C") + "\"></p>";
        return new DraftForm(title, author, digest, content.isEmpty() ? img : content + "\n" + img, contentSourceUrl,
                thumbMediaId, openComment, fansOnly);
    }

    /**
     * What is wrong, if anything.
     *
     * @return a message key, or {@code null}
     */
    String problem() {
        if (title.isEmpty() || title.length() > 64) {
            return "drafts.bad.title";
        }
        if (author.length() > 16) {
            return "drafts.bad.author";
        }
        if (digest.length() > 120) {
            return "drafts.bad.digest";
        }
        if (content.isBlank() || content.length() > 20_000 || content.getBytes(StandardCharsets.UTF_8).length
                >= 1 << 20) {
            return "drafts.bad.content";
        }
        if (!contentSourceUrl.isEmpty() && !httpUrl(contentSourceUrl)) {
            return "drafts.bad.url";
        }
        if (!MaterialPages.ID.matcher(thumbMediaId).matches()) {
            return "drafts.bad.cover";
        }
        return null;
    }

    private static boolean httpUrl(String s) {
        if (s.length() > 1024) {
            return false;
        }
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    DraftArticle article() {
        return new DraftArticle(title, author.isEmpty() ? null : author, digest.isEmpty() ? null : digest, content,
                contentSourceUrl.isEmpty() ? null : contentSourceUrl, thumbMediaId, openComment ? 1 : 0,
                fansOnly ? 1 : 0);
    }
}
