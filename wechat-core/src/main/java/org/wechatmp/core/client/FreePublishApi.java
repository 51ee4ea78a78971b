package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free publishing: publish a draft, follow the job, read and delete published articles.
 */
public final class FreePublishApi {
    private final ApiExecutor x;

    FreePublishApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Publishes a draft; the result arrives later as a {@code PUBLISHJOBFINISH} event, or via {@link #status}.
     *
     * @param mediaId the draft's media id
     * @return the publish job id
     */
    public String submit(String mediaId) {
        return x.json(ApiExecutor.post("/cgi-bin/freepublish/submit", Map.of("media_id", mediaId)))
                .path("publish_id").asText();
    }

    /**
     * The state of a publish job ({@code publish_status}, {@code article_id}, {@code article_detail}).
     *
     * @param publishId the job id
     * @return the JSON
     */
    public JsonNode status(String publishId) {
        return x.json(ApiExecutor.post("/cgi-bin/freepublish/get", Map.of("publish_id", publishId)));
    }

    /**
     * Deletes a published article.
     *
     * @param articleId the article id
     * @param index the position within it, from 1; 0 deletes all
     */
    public void delete(String articleId, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("article_id", articleId);
        body.put("index", index);
        x.json(ApiExecutor.post("/cgi-bin/freepublish/delete", body));
    }

    /**
     * The articles of a published item.
     *
     * @param articleId the article id
     * @return the articles
     */
    public List<NewsArticle> article(String articleId) {
        List<NewsArticle> out = new ArrayList<>();
        for (JsonNode a : x.json(ApiExecutor.post("/cgi-bin/freepublish/getarticle", Map.of("article_id",
                articleId))).path("news_item")) {
            out.add(x.convert(a, NewsArticle.class));
        }
        return out;
    }

    /**
     * One page of published items.
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
        return x.json(ApiExecutor.post("/cgi-bin/freepublish/batchget", body));
    }
}
