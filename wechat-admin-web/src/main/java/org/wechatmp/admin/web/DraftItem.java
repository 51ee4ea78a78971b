package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;

/**
 * A draft ({@code draft/batchget}) or a published item ({@code freepublish/batchget}), read from WeChat, which keeps
 * them (no local copy to go stale).
 *
 * <p>For the auto-reply pages (a news reply that picks a published article): {@link #published(WeChatClient, int,
 * int)} reads one page of published items; {@link #id()} is the {@code article_id}, each article has its title,
 * cover ({@code thumbMediaId}, shown through {@code /a/{account}/materials/{thumbMediaId}/raw}) and URL.
 *
 * @param id the draft's media id, or the published item's article id
 * @param updateTime WeChat's update time, epoch seconds
 * @param articles the articles, in order
 */
record DraftItem(String id, long updateTime, List<NewsArticle> articles) {
    /** The most WeChat lists per call. */
    static final int PAGE = 20;
    private static final int MAX_PAGES = 25;

    /**
     * One page of a listing.
     *
     * @param total how many exist
     * @param items this page's items
     */
    record Page(int total, List<DraftItem> items) {
    }

    /** The articles' first title, for lists. */
    String title() {
        return articles.isEmpty() ? "" : articles.get(0).title();
    }

    /** The first article's cover media id, or empty. */
    String cover() {
        return articles.isEmpty() || articles.get(0).thumbMediaId() == null ? "" : articles.get(0).thumbMediaId();
    }

    /** Whether a URL from WeChat may be a link: http(s) only. */
    static boolean webUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    static Page drafts(WeChatClient client, int offset, int count) {
        return page(client.drafts().list(offset, count, false), "media_id");
    }

    /**
     * One page of published items, newest first.
     *
     * @param client the account's client
     * @param offset where to start
     * @param count 1 to {@value #PAGE}
     * @return the page
     */
    static Page published(WeChatClient client, int offset, int count) {
        return page(client.freePublish().list(offset, count, false), "article_id");
    }

    /** Every draft (or published item), up to 500, for the reference check. */
    static List<DraftItem> all(WeChatClient client, boolean published) {
        List<DraftItem> out = new ArrayList<>();
        for (int i = 0; i < MAX_PAGES; i++) {
            Page p = published ? published(client, out.size(), PAGE) : drafts(client, out.size(), PAGE);
            out.addAll(p.items());
            if (p.items().isEmpty() || out.size() >= p.total()) {
                break;
            }
        }
        return out;
    }

    private static Page page(JsonNode json, String idField) {
        List<DraftItem> items = new ArrayList<>();
        for (JsonNode item : json.path("item")) {
            items.add(new DraftItem(item.path(idField).asText(""), item.path("update_time").asLong(
                    item.path("content").path("update_time").asLong(0)), articles(item.path("content")
                    .path("news_item"))));
        }
        return new Page(json.path("total_count").asInt(items.size()), List.copyOf(items));
    }

    static List<NewsArticle> articles(JsonNode newsItems) {
        List<NewsArticle> out = new ArrayList<>();
        for (JsonNode a : newsItems) {
            out.add(new NewsArticle(a.path("title").asText(""), a.path("thumb_media_id").asText(""),
                    a.path("thumb_url").asText(""), a.path("show_cover_pic").asInt(0), a.path("author").asText(""),
                    a.path("digest").asText(""), a.path("content").asText(""), a.path("url").asText(""),
                    a.path("content_source_url").asText(""), a.path("need_open_comment").asInt(0),
                    a.path("only_fans_can_comment").asInt(0)));
        }
        return List.copyOf(out);
    }
}
