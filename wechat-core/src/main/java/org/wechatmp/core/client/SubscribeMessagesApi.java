package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Subscription notifications (订阅通知): the public template library (categories, titles, keywords), the account's
 * private templates (add, list, delete) and sending ({@code bizsend}). The follower's choices arrive as
 * {@code subscribe_msg_popup_event}, {@code subscribe_msg_change_event} and {@code subscribe_msg_sent_event}
 * ({@link org.wechatmp.core.message.SubscribeMessageEvent}).
 */
public final class SubscribeMessagesApi {
    /** WeChat's page size limit for template titles. */
    public static final int TITLES_PAGE_LIMIT = 30;

    private final ApiExecutor x;

    SubscribeMessagesApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The categories the account's service categories allow.
     *
     * @return the categories
     */
    public List<SubscribeCategory> categories() {
        List<SubscribeCategory> out = new ArrayList<>();
        for (JsonNode c : x.json(ApiExecutor.get("/wxaapi/newtmpl/getcategory", null)).path("data")) {
            out.add(new SubscribeCategory(c.path("id").asInt(), c.path("name").asText("")));
        }
        return out;
    }

    /**
     * One page of the public template titles of some categories.
     *
     * @param categoryIds the category ids (empty: none sent)
     * @param start the offset
     * @param limit the page size, at most {@value #TITLES_PAGE_LIMIT}
     * @return the page
     */
    public SubscribeTitlePage titles(List<Integer> categoryIds, int start, int limit) {
        Map<String, String> q = new LinkedHashMap<>();
        if (categoryIds != null && !categoryIds.isEmpty()) {
            q.put("ids", categoryIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        q.put("start", Integer.toString(start));
        q.put("limit", Integer.toString(Math.min(limit, TITLES_PAGE_LIMIT)));
        JsonNode json = x.json(ApiExecutor.get("/wxaapi/newtmpl/getpubtemplatetitles", q));
        List<SubscribeTitle> titles = new ArrayList<>();
        for (JsonNode t : json.path("data")) {
            titles.add(new SubscribeTitle(t.path("tid").asText(""), t.path("title").asText(""),
                    t.path("type").asInt(), t.path("categoryId").asText("")));
        }
        return new SubscribeTitlePage(json.path("count").asInt(titles.size()), titles);
    }

    /**
     * The keywords of a public template.
     *
     * @param tid the public template id
     * @return the keywords
     */
    public List<SubscribeKeyword> keywords(String tid) {
        List<SubscribeKeyword> out = new ArrayList<>();
        for (JsonNode k : x.json(ApiExecutor.get("/wxaapi/newtmpl/getpubtemplatekeywords", Map.of("tid", tid)))
                .path("data")) {
            out.add(new SubscribeKeyword(k.path("kid").asInt(), k.path("name").asText(""),
                    k.path("example").asText(""), k.path("rule").asText("")));
        }
        return out;
    }

    /**
     * Adds a private template from a public one.
     *
     * @param tid the public template id
     * @param keywordIds the chosen keyword ids, in order
     * @param sceneDesc what it is used for
     * @return the private template id ({@code priTmplId})
     */
    public String add(String tid, List<Integer> keywordIds, String sceneDesc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tid", tid);
        body.put("kidList", List.copyOf(keywordIds));
        if (sceneDesc != null) {
            body.put("sceneDesc", sceneDesc);
        }
        return x.json(ApiExecutor.post("/wxaapi/newtmpl/addtemplate", body)).path("priTmplId").asText("");
    }

    /**
     * Deletes a private template.
     *
     * @param priTmplId the private template id
     */
    public void delete(String priTmplId) {
        x.json(ApiExecutor.post("/wxaapi/newtmpl/deltemplate", Map.of("priTmplId", priTmplId)));
    }

    /**
     * The account's private templates.
     *
     * @return the templates
     */
    public List<SubscribeTemplate> list() {
        List<SubscribeTemplate> out = new ArrayList<>();
        for (JsonNode t : x.json(ApiExecutor.get("/wxaapi/newtmpl/gettemplate", null)).path("data")) {
            out.add(new SubscribeTemplate(t.path("priTmplId").asText(""), t.path("title").asText(""),
                    t.path("content").asText(""), t.path("example").asText(""), t.path("type").asInt()));
        }
        return out;
    }

    /**
     * Sends a subscription notification to a follower who accepted it.
     *
     * @param message the message
     */
    public void send(SubscribeMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", message.touser());
        body.put("template_id", message.templateId());
        if (message.page() != null) {
            body.put("page", message.page());
        }
        if (message.miniProgramAppId() != null) {
            Map<String, Object> mp = new LinkedHashMap<>();
            mp.put("appid", message.miniProgramAppId());
            mp.put("pagepath", message.miniProgramPagePath() == null ? "" : message.miniProgramPagePath());
            body.put("miniprogram", mp);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        message.data().forEach((k, v) -> data.put(k, Map.of("value", v)));
        body.put("data", data);
        x.json(ApiExecutor.post("/cgi-bin/message/subscribe/bizsend", body));
    }
}
