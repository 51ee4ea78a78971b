package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.Account;
import org.wechatmp.core.engine.Explanation;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.message.XmlFields;

/**
 * "Simulate a message" ({@code GET /replies/simulate}): a text, another message type, or an event with its key,
 * from an optional openid, run through the engine's own matching ({@code ReplyEngine.explain}). The page shows the
 * handler that wins, the rule that matched, the handlers that also matched and why they lose, and the replies that
 * would be sent. Nothing is sent: no customer-service call, no forward request, no custom reply run, no log row.
 * Custom rules do run (they decide the match) but see no API client.
 */
final class ReplySimulator {
    static final List<String> TYPES = List.of("text", "event", "image", "voice", "video", "shortvideo",
            "location", "link");
    static final String DEFAULT_OPENID = "oSimulatedFollower000000000";

    private ReplySimulator() {
    }

    static void page(Ctx c, Account account) throws IOException {
        c.requireMethod("GET");
        String type = c.param("type");
        String text = cut(c.raw("text"), 2000);
        String event = cut(c.param("event"), 64);
        String key = cut(c.param("key"), 255);
        String openid = cut(c.param("openid"), 64);
        Explanation result = null;
        String error = null;
        if (!type.isEmpty()) {
            if (!TYPES.contains(type)) {
                error = "replies.sim.badtype";
            } else if ("text".equals(type) && text.isEmpty()) {
                error = "replies.sim.needtext";
            } else if ("event".equals(type) && !event.matches("[A-Za-z_]{1,64}")) {
                error = "replies.sim.needevent";
            } else {
                WeChatMessage m = message(type, text, event, key, openid.isEmpty() ? DEFAULT_OPENID : openid,
                        c.s.clock().instant().getEpochSecond());
                result = c.s.runtime().engine().explain(new MessageContext(account, m, null, c.s.runtime().users(),
                        new byte[0], Map.of()));
            }
        }
        c.render("replies_simulate", error == null ? 200 : 400, "replies.sim.title", "a", account, "type",
                type.isEmpty() ? "text" : type, "text", text, "event", event, "key", key, "openid", openid,
                "result", result, "error", error, "ran", !type.isEmpty() && error == null, "now",
                c.s.clock().instant());
    }

    /** The message as WeChat would send it (fields, not XML text, so nothing typed can break the document). */
    static WeChatMessage message(String type, String text, String event, String key, String openid, long at) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ToUserName", "gh_simulator");
        f.put("FromUserName", openid);
        f.put("CreateTime", String.valueOf(at));
        f.put("MsgType", type);
        switch (type) {
            case "text" -> f.put("Content", text);
            case "event" -> {
                f.put("Event", event);
                f.put("EventKey", key);
            }
            case "location" -> {
                f.put("Location_X", "23.134521");
                f.put("Location_Y", "113.358803");
                f.put("Scale", "20");
                f.put("Label", text);
            }
            case "link" -> {
                f.put("Title", text);
                f.put("Url", "https://example.com/");
            }
            default -> f.put("MediaId", "simulated-media");
        }
        if (!"event".equals(type)) {
            f.put("MsgId", String.valueOf(at));
        }
        return MessageParser.toMessage(XmlFields.of(f));
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
