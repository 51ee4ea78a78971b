package org.wechatmp.admin.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;
import org.wechatmp.core.Account;

/**
 * An article body made safe to show: sanitized with jsoup's {@link Safelist#relaxed()} (no scripts, no event
 * handlers, no styles, no iframes; only http(s) links and images), and every image rewritten to the admin's own
 * proxy ({@code /a/{a}/materials/remote?u=}) when it is on a host the proxy fetches from, dropped otherwise, so the
 * browser never loads a WeChat (mmbiz) URL. The result is served as its own document into a sandboxed iframe with a
 * CSP that allows no script ({@link #HEADERS_CSP}).
 */
final class DraftPreview {
    /** The preview document's CSP: no script, no style sheet or font from anywhere, images only from the admin. */
    static final String HEADERS_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private DraftPreview() {
    }

    /**
     * Sanitizes a body.
     *
     * @param html the body as WeChat holds it
     * @param a the account (whose API base the proxy also fetches from)
     * @param contextPath the admin's context path
     * @return safe HTML for the preview document's body
     */
    static String sanitize(String html, Account a, String contextPath) {
        String clean = Jsoup.clean(html == null ? "" : html, "", Safelist.relaxed().removeTags("iframe"),
                new Document.OutputSettings().prettyPrint(false));
        Document doc = Jsoup.parseBodyFragment(clean);
        for (Element img : doc.select("img")) {
            String src = img.attr("src");
            if (MaterialStream.allowed(a, src)) {
                img.attr("src", contextPath + "/a/" + a.name() + "/materials/remote?u="
                        + URLEncoder.encode(src, StandardCharsets.UTF_8));
            } else {
                img.removeAttr("src");
                img.addClass("preview-blocked");
            }
        }
        for (Element link : doc.select("a[href]")) {
            link.attr("rel", "noopener noreferrer").attr("target", "_blank");
        }
        doc.outputSettings().prettyPrint(false);
        return doc.body().html();
    }

    /** The whole preview document. */
    static String document(String title, String bodyHtml, String lang) {
        return "<!DOCTYPE html><html lang=\"" + (lang.startsWith("zh") ? "zh-CN" : "en") + "\"><head>"
                + "<meta charset=\"utf-8\"><title>" + org.jsoup.nodes.Entities.escape(title) + "</title>"
                + "<style>body{font:16px/1.7 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
                + "max-width:640px;margin:0 auto;padding:16px;color:#222}img{max-width:100%;height:auto}"
                + ".preview-blocked{display:none}</style></head><body>" + bodyHtml + "</body></html>";
    }
}
