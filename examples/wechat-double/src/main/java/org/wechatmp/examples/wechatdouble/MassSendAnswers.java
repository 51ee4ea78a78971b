package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Mass sending as WeChat answers it: each {@code mass/sendall} or {@code mass/send} gets a new {@code msg_id} (and a
 * {@code msg_data_id}), {@code mass/get} reports it, {@code mass/delete} marks it deleted, a repeated
 * {@code clientmsgid} answers 45065 with the first send's id, fewer than 2 openids answer 40130, and with no quota
 * left ({@link WeChatDouble#massSendQuota(int)}) a send answers 45028 and {@code openapi/quota/get} of the mass path
 * reports {@code remain} 0.
 */
final class MassSendAnswers extends ReachAnswers {
    static final String NAME = "wechat-double-mass";
    /** The daily call limit the double reports for {@code mass/sendall}. */
    static final int DAILY_LIMIT = 100;

    private long nextMsgId = 1_000_002_001L;
    private long nextDataId = 2_247_484_001L;
    private final Map<Long, String> status = new HashMap<>();
    private final Map<String, ObjectNode> byClientMsgId = new HashMap<>();
    private final Set<Long> known = new HashSet<>();
    private int used;
    private int remaining = DAILY_LIMIT;

    @Override
    public String getName() {
        return NAME;
    }

    synchronized void quota(int left) {
        remaining = Math.max(0, left);
    }

    @Override
    ResponseDefinition answer(String path, JsonNode body, ServeEvent event) {
        return switch (path) {
            case "/cgi-bin/message/mass/sendall", "/cgi-bin/message/mass/send" -> send(path, body);
            case "/cgi-bin/message/mass/get" -> get(body.path("msg_id").asLong());
            case "/cgi-bin/message/mass/delete" -> delete(body.path("msg_id").asLong());
            case "/cgi-bin/openapi/quota/get" -> quotaGet(body.path("cgi_path").asText(""));
            default -> error(40001, "unknown call");
        };
    }

    private ResponseDefinition send(String path, JsonNode body) {
        String type = body.path("msgtype").asText("");
        if (type.isEmpty() || body.path(type).isMissingNode()) {
            return error(40008, "invalid message type");
        }
        if (path.endsWith("/send") && body.path("touser").size() < 2) {
            return error(40130, "invalid openid list size, at least two openid");
        }
        if ("text".equals(type) && body.path("text").path("content").asText("").isBlank()) {
            return error(44003, "empty news data");
        }
        String client = body.path("clientmsgid").asText("");
        if (!client.isEmpty() && byClientMsgId.containsKey(client)) {
            ObjectNode earlier = byClientMsgId.get(client).deepCopy();
            earlier.put("errcode", 45065).put("errmsg", "clientmsgid exist");
            return json(earlier);
        }
        if (remaining <= 0) {
            return error(45028, "has no masssend quota");
        }
        remaining--;
        used++;
        long msgId = nextMsgId++;
        ObjectNode out = JSON.createObjectNode().put("errcode", 0).put("errmsg", "send job submission success")
                .put("msg_id", msgId).put("msg_data_id", nextDataId++);
        status.put(msgId, "SEND_SUCCESS");
        known.add(msgId);
        if (!client.isEmpty()) {
            byClientMsgId.put(client, out);
        }
        return json(out);
    }

    private ResponseDefinition get(long msgId) {
        if (!known.contains(msgId)) {
            // the shipped example send answers as before
            return json(JSON.createObjectNode().put("msg_id", msgId).put("msg_status", "SEND_SUCCESS"));
        }
        return json(JSON.createObjectNode().put("msg_id", msgId).put("msg_status", status.get(msgId)));
    }

    private ResponseDefinition delete(long msgId) {
        if (known.contains(msgId)) {
            status.put(msgId, "DELETE");
        }
        return ok();
    }

    private ResponseDefinition quotaGet(String cgiPath) {
        ObjectNode out = JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok");
        if (cgiPath.startsWith("/cgi-bin/message/mass/")) {
            out.putObject("quota").put("daily_limit", DAILY_LIMIT).put("used", used).put("remain", remaining);
        } else {
            out.putObject("quota").put("daily_limit", 500_000).put("used", 1208).put("remain", 498_792);
        }
        return json(out);
    }
}
