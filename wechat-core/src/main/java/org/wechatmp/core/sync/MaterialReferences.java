package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.client.WeChatClient;

/**
 * What the articles kept in WeChat (drafts and published articles, which no local table mirrors) refer to: the
 * cover media ids ({@code thumb_media_id}) and the bodies, whose images may be image materials' URLs. Read page by
 * page through {@code draft/batchget} and {@code freepublish/batchget}.
 *
 * @param thumbMediaIds the covers' media ids
 * @param contents the article bodies (HTML), to look for material URLs in
 */
record MaterialReferences(Set<String> thumbMediaIds, List<String> contents) {
    private static final int PAGE = 20;
    private static final int MAX_PAGES = 500;

    static MaterialReferences remote(WeChatClient client) {
        Set<String> thumbs = new HashSet<>();
        List<String> contents = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) {
            int offset = 0;
            for (int pages = 0; pages < MAX_PAGES; pages++) {
                JsonNode page = kind == 0 ? client.drafts().list(offset, PAGE, false)
                        : client.freePublish().list(offset, PAGE, false);
                JsonNode items = page.path("item");
                for (JsonNode item : items) {
                    for (JsonNode a : item.path("content").path("news_item")) {
                        String thumb = a.path("thumb_media_id").asText("");
                        if (!thumb.isEmpty()) {
                            thumbs.add(thumb);
                        }
                        String html = a.path("content").asText("");
                        if (!html.isEmpty()) {
                            contents.add(html);
                        }
                    }
                }
                offset += items.size();
                if (items.isEmpty() || offset >= page.path("total_count").asInt(0)) {
                    break;
                }
            }
        }
        return new MaterialReferences(thumbs, contents);
    }

    boolean mentions(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        for (String c : contents) {
            if (c.contains(url)) {
                return true;
            }
        }
        return false;
    }
}
