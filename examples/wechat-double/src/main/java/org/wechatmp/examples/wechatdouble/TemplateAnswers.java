package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers the template stubs ({@code "transformers": ["wechat-templates"]}) like WeChat, with state: the private
 * templates ({@code get_all_private_template}) gain one on {@code api_add_template} and lose one on
 * {@code del_private_template} (40037 for an unknown id),
 * and {@code message/template/send} answers a new msgid per message (the id its {@code TEMPLATESENDJOBFINISH} event
 * carries), 40037 for an unknown template, 43004 ("require subscribe") for an openid starting with
 * {@value #UNFOLLOWED} and 40003 for an empty one.
 */
final class TemplateAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-templates";
    /** Openids starting with this do not follow the account (template sends answer 43004). */
    static final String UNFOLLOWED = "oUnfollowed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> templates = new ConcurrentSkipListMap<>();
    private final AtomicLong msgIds = new AtomicLong(2_000_000_000L);

    TemplateAnswers() {
        add("DEMO_TEMPLATE", "订单提醒", "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n金额：{{keyword2.DATA}}\n{{remark.DATA}}",
                "您的订单已支付\n订单号：20261130001\n金额：¥99.00\n感谢惠顾");
        add("DEMO_TEMPLATE_BOOKING", "预约成功通知", "{{first.DATA}}\n预约时间：{{time.DATA}}\n地点：{{place.DATA}}\n{{remark.DATA}}",
                "您已预约成功\n预约时间：2026-12-01 10:00\n地点：深圳南山店\n请准时到店");
        add("DEMO_TEMPLATE_PLAIN", "系统通知", "{{content.DATA}}", "系统将于今晚维护");
    }

    private void add(String id, String title, String content, String example) {
        ObjectNode t = JSON.createObjectNode();
        t.put("template_id", id);
        t.put("title", title);
        t.put("primary_industry", "IT科技");
        t.put("deputy_industry", "互联网|电子商务");
        t.put("content", content);
        t.put("example", example);
        templates.put(id, t);
    }

    /** The msgid of the last template message answered, or 0. */
    long lastMsgId() {
        long id = msgIds.get();
        return id == 2_000_000_000L ? 0 : id;
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
        String url = event.getRequest().getUrl();
        if (url.contains("/get_all_private_template")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("template_list");
            templates.values().forEach(list::add);
            return answer(out.toString());
        }
        JsonNode body;
        try {
            body = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            return answer("{\"errcode\":47001,\"errmsg\":\"data format error\"}");
        }
        if (url.contains("/api_add_template")) {
            String shortId = body.path("template_id_short").asText("");
            if (!shortId.matches("[A-Za-z0-9_]{1,32}")) {
                return answer("{\"errcode\":40037,\"errmsg\":\"invalid template_id_short\"}");
            }
            String added = "LIB_" + shortId + "_" + templates.size();
            add(added, "模板库 " + shortId, "{{first.DATA}}\n{{keyword1.DATA}}\n{{remark.DATA}}", "");
            return answer("{\"errcode\":0,\"errmsg\":\"ok\",\"template_id\":\"" + added + "\"}");
        }
        String id = body.path("template_id").asText("");
        if (url.contains("/del_private_template")) {
            return templates.remove(id) == null ? answer("{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}")
                    : answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
        String touser = body.path("touser").asText("");
        if (touser.isEmpty()) {
            return answer("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}");
        }
        if (!templates.containsKey(id)) {
            return answer("{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}");
        }
        if (touser.startsWith(UNFOLLOWED)) {
            return answer("{\"errcode\":43004,\"errmsg\":\"require subscribe\"}");
        }
        return answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + msgIds.incrementAndGet() + "}");
    }

    private static ResponseDefinition answer(String json) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(json).build();
    }
}
