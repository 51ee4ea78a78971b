package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Drafts and free publishing as WeChat keeps them, statefully: {@code draft/add} (a cover that is no image material
 * answers 40007, a missing title or body 44003 "empty news data"), {@code update}, {@code get},
 * {@code delete}, {@code count}, {@code batchget}; {@code freepublish/submit} (40007 for an unknown draft), {@code delete}
 * (53600 for an unknown article), {@code get}
 * (status 1 until {@link WeChatDouble#finishPublish} ends the job), {@code batchget}, {@code getarticle}.
 */
final class DraftAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-drafts";

    private final MaterialState state;

    DraftAnswers(MaterialState state) {
        this.state = state;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        String path = URI.create(r.getUrl()).getPath();
        Integer injected = state.takeFailure(path);
        if (injected != null) {
            return MaterialAnswers.error(injected, "injected by the WeChat double");
        }
        JsonNode body = MaterialAnswers.body(r);
        String mediaId = body.path("media_id").asText("");
        switch (path) {
            case "/cgi-bin/draft/add" -> {
                ArrayNode articles = body.path("articles").isArray() ? (ArrayNode) body.path("articles")
                        : MaterialState.JSON.createArrayNode();
                if (articles.isEmpty() || articles.size() > 8) {
                    return MaterialAnswers.error(44003, "empty news data");
                }
                ResponseDefinition bad = check(articles);
                if (bad != null) {
                    return bad;
                }
                String id = state.newId("DRAFT_");
                ObjectNode draft = MaterialState.JSON.createObjectNode();
                draft.set("news_item", stored(articles));
                state.putDraft(id, draft);
                return MaterialAnswers.json("{\"media_id\":\"" + id + "\"}");
            }
            case "/cgi-bin/draft/update" -> {
                ObjectNode draft = state.draft(mediaId);
                if (draft == null) {
                    return MaterialAnswers.error(40007, "invalid media_id");
                }
                int index = body.path("index").asInt(-1);
                ArrayNode items = (ArrayNode) draft.path("news_item");
                if (index < 0 || index >= items.size()) {
                    return MaterialAnswers.error(40018, "invalid index");
                }
                ArrayNode one = MaterialState.JSON.createArrayNode().add(body.path("articles"));
                ResponseDefinition bad = check(one);
                if (bad != null) {
                    return bad;
                }
                items.set(index, stored(one).get(0));
                state.putDraft(mediaId, draft);
                return MaterialAnswers.ok();
            }
            case "/cgi-bin/draft/get" -> {
                ObjectNode draft = state.draft(mediaId);
                return draft == null ? MaterialAnswers.error(40007, "invalid media_id")
                        : MaterialAnswers.json(draft.toString());
            }
            case "/cgi-bin/draft/delete" -> {
                return state.removeDraft(mediaId) ? MaterialAnswers.ok()
                        : MaterialAnswers.error(40007, "invalid media_id");
            }
            case "/cgi-bin/draft/count" -> {
                return MaterialAnswers.json("{\"total_count\":" + state.drafts().size() + "}");
            }
            case "/cgi-bin/draft/batchget" -> {
                List<Map.Entry<String, ObjectNode>> all = state.drafts();
                return page(body, all.size(), (items, i) -> {
                    ObjectNode item = items.addObject().put("media_id", all.get(i).getKey());
                    item.putObject("content").set("news_item", all.get(i).getValue().path("news_item").deepCopy());
                    item.put("update_time", state.draftTime(all.get(i).getKey()));
                });
            }
            case "/cgi-bin/freepublish/submit" -> {
                if (state.draft(mediaId) == null) {
                    return MaterialAnswers.error(40007, "invalid media_id");
                }
                return MaterialAnswers.json("{\"errcode\":0,\"errmsg\":\"ok\",\"publish_id\":\""
                        + state.submit(mediaId).publishId() + "\",\"msg_data_id\":2247483000}");
            }
            case "/cgi-bin/freepublish/get" -> {
                MaterialState.PublishJob job = state.job(body.path("publish_id").asText(""));
                if (job == null) {
                    return MaterialAnswers.error(40007, "invalid publish_id");
                }
                ObjectNode out = MaterialState.JSON.createObjectNode().put("publish_id", job.publishId())
                        .put("publish_status", job.status());
                if (job.articleId() != null) {
                    out.put("article_id", job.articleId());
                    ArrayNode items = out.putObject("article_detail").putArray("item");
                    int idx = 1;
                    for (JsonNode a : state.published(job.articleId())) {
                        items.addObject().put("idx", idx++).put("article_url", a.path("url").asText());
                    }
                    ((ObjectNode) out.get("article_detail")).put("count", items.size());
                }
                out.putArray("fail_idx");
                return MaterialAnswers.json(out.toString());
            }
            case "/cgi-bin/freepublish/batchget" -> {
                List<Map.Entry<String, ArrayNode>> all = state.published();
                return page(body, all.size(), (items, i) -> {
                    ObjectNode item = items.addObject().put("article_id", all.get(i).getKey());
                    item.putObject("content").set("news_item", all.get(i).getValue().deepCopy());
                    item.put("update_time", state.now());
                });
            }
            case "/cgi-bin/freepublish/delete" -> {
                if (!state.deletePublished(body.path("article_id").asText(""), body.path("index").asInt(0))) {
                    return MaterialAnswers.error(53600, "Article ID 无效");
                }
                return MaterialAnswers.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            case "/cgi-bin/freepublish/getarticle" -> {
                ArrayNode items = state.published(body.path("article_id").asText(""));
                if (items == null) {
                    return MaterialAnswers.error(53600, "Article ID 无效");
                }
                ObjectNode out = MaterialState.JSON.createObjectNode();
                out.set("news_item", items);
                return MaterialAnswers.json(out.toString());
            }
            default -> {
                return MaterialAnswers.error(48001, "api unauthorized");
            }
        }
    }

    /** A cover must be an existing image material; a title and a body are required. */
    private ResponseDefinition check(ArrayNode articles) {
        for (JsonNode a : articles) {
            if (a.path("title").asText("").isEmpty() || a.path("content").asText("").isEmpty()) {
                return MaterialAnswers.error(44003, "empty news data");
            }
            MaterialState.Material cover = state.material(a.path("thumb_media_id").asText(""));
            if (cover == null || !"image".equals(cover.type())) {
                return MaterialAnswers.error(40007, "invalid media_id");
            }
        }
        return null;
    }

    private static ArrayNode stored(ArrayNode articles) {
        ArrayNode out = MaterialState.JSON.createArrayNode();
        for (JsonNode a : articles) {
            ObjectNode o = ((ObjectNode) a).deepCopy();
            o.put("url", "");
            o.put("show_cover_pic", o.path("show_cover_pic").asInt(0));
            o.put("need_open_comment", o.path("need_open_comment").asInt(0));
            o.put("only_fans_can_comment", o.path("only_fans_can_comment").asInt(0));
            out.add(o);
        }
        return out;
    }

    private interface Row {
        void add(ArrayNode items, int index);
    }

    private static ResponseDefinition page(JsonNode body, int total, Row row) {
        int offset = Math.max(0, body.path("offset").asInt(0));
        int count = body.path("count").asInt(20);
        if (count < 1 || count > 20) {
            return MaterialAnswers.error(40008, "invalid count");
        }
        ObjectNode out = MaterialState.JSON.createObjectNode().put("total_count", total);
        ArrayNode items = out.putArray("item");
        for (int i = offset; i < Math.min(total, offset + count); i++) {
            row.add(items, i);
        }
        out.put("item_count", items.size());
        return MaterialAnswers.json(out.toString());
    }
}
