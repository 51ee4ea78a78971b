package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drafts: the current way to make articles (the old {@code add_news} was retired). Publish them with
 * {@link FreePublishApi}.
 */
public final class DraftsApi {
    private final ApiExecutor x;

    DraftsApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Creates a draft.
     *
     * @param articles one to eight articles
     * @return the draft's media id
     */
    public String add(List<DraftArticle> articles) {
        return x.json(ApiExecutor.post("/cgi-bin/draft/add", Map.of("articles", articles))).path("media_id")
                .asText();
    }

    /**
     * Reads a draft.
     *
     * @param mediaId the draft's media id
     * @return its articles
     */
    public List<NewsArticle> get(String mediaId) {
        List<NewsArticle> out = new ArrayList<>();
        for (JsonNode a : x.json(ApiExecutor.post("/cgi-bin/draft/get", Map.of("media_id", mediaId)))
                .path("news_item")) {
            out.add(x.convert(a, NewsArticle.class));
        }
        return out;
    }

    /**
     * Replaces one article of a draft.
     *
     * @param mediaId the draft's media id
     * @param index the article's position, from 0
     * @param article the new article
     */
    public void update(String mediaId, int index, DraftArticle article) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("media_id", mediaId);
        body.put("index", index);
        body.put("articles", article);
        x.json(ApiExecutor.post("/cgi-bin/draft/update", body));
    }

    /**
     * Deletes a draft.
     *
     * @param mediaId the draft's media id
     */
    public void delete(String mediaId) {
        x.json(ApiExecutor.post("/cgi-bin/draft/delete", Map.of("media_id", mediaId)));
    }

    /**
     * How many drafts exist.
     *
     * @return the count
     */
    public int count() {
        return x.json(ApiExecutor.get("/cgi-bin/draft/count", null)).path("total_count").asInt();
    }

    /**
     * One page of drafts ({@code total_count}, {@code item_count}, {@code item[]}).
     *
     * @param offset where to start
     * @param count how many, up to 20
     * @param noContent whether to leave out the bodies
     * @return the JSON
     */
    public JsonNode list(int offset, int count, boolean noContent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offset", offset);
        body.put("count", count);
        body.put("no_content", noContent ? 1 : 0);
        return x.json(ApiExecutor.post("/cgi-bin/draft/batchget", body));
    }
}
