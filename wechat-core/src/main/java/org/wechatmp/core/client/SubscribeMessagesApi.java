package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Subscription notifications (订阅通知): the public template library (categories, titles, keywords), the account's
 * private templates (add, list, delete) and sending ({@code bizsend}); and the older one-time subscription message
 * (一次性订阅消息): its authorize URL and sending. The follower's choices arrive as
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

    /** The page where a user authorizes a one-time subscription message. */
    public static final String ONE_TIME_AUTHORIZE_BASE = "https://mp.weixin.qq.com/mp/subscribemsg";

    /**
     * The URL that asks a user, inside WeChat, to accept one one-time subscription message. WeChat then redirects to
     * {@code redirectUrl} with {@code openid}, {@code template_id}, {@code action} ({@code confirm} or
     * {@code cancel}), {@code scene} and {@code reserved}.
     *
     * @param scene 0 to 10000, the caller's scene value
     * @param templateId the one-time template id from the console
     * @param redirectUrl where WeChat sends the user back (the account's business domain)
     * @param reserved state returned unchanged (a-zA-Z0-9, up to 128 bytes), or {@code null}
     * @return the URL
     */
    public String oneTimeAuthorizeUrl(int scene, String templateId, String redirectUrl, String reserved) {
        if (scene < 0 || scene > 10_000) {
            throw new IllegalArgumentException("scene must be 0 to 10000");
        }
        okhttp3.HttpUrl.Builder b = okhttp3.HttpUrl.get(ONE_TIME_AUTHORIZE_BASE).newBuilder()
                .addQueryParameter("action", "get_confirm").addQueryParameter("appid", x.appId())
                .addQueryParameter("scene", Integer.toString(scene)).addQueryParameter("template_id", templateId)
                .addEncodedQueryParameter("redirect_url", java.net.URLEncoder.encode(redirectUrl,
                        java.nio.charset.StandardCharsets.UTF_8));
        if (reserved != null) {
            b.addEncodedQueryParameter("reserved", java.net.URLEncoder.encode(reserved,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.build() + "#wechat_redirect";
    }

    /**
     * Sends the one-time subscription message a user accepted through {@link #oneTimeAuthorizeUrl}.
     *
     * @param openid the user
     * @param templateId the one-time template id
     * @param scene the scene the user accepted under
     * @param title the title, up to 15 characters
     * @param content the content, up to 200 characters
     * @param url the page opened on tap, or {@code null}
     */
    public void sendOneTime(String openid, String templateId, int scene, String title, String content, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", openid);
        body.put("template_id", templateId);
        if (url != null) {
            body.put("url", url);
        }
        body.put("scene", scene);
        body.put("title", title);
        body.put("data", Map.of("content", Map.of("value", content)));
        x.json(ApiExecutor.post("/cgi-bin/message/template/subscribe", body));
    }
}
