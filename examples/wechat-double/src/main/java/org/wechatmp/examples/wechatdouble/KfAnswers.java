package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Customer service as WeChat answers it, with state: accounts (the shipped two, then added, renamed, invited,
 * deleted), who is online (every account without a pending invitation), sessions and the waiting followers. The
 * errcodes are WeChat's: 65401 unknown account, 65403 bad nickname, 65404 bad account, 65406 account exists, 65412
 * already bound, 65413 no such session, 65414 served by another account.
 */
final class KfAnswers extends ReachAnswers {
    static final String NAME = "wechat-double-kf";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,32}");

    private final Map<String, ObjectNode> accounts = new LinkedHashMap<>();
    /** openid to its session: kf_account and createtime. */
    private final Map<String, ObjectNode> sessions = new LinkedHashMap<>();
    private final List<ObjectNode> waiting = new ArrayList<>();
    private int nextKfId = 1003;

    KfAnswers() {
        accounts.put("xiaowang@demo", JSON.createObjectNode().put("kf_account", "xiaowang@demo").put("kf_nick", "小王")
                .put("kf_id", 1001).put("kf_headimgurl", "http://mmbiz.qpic.cn/mmbiz/demo1/300")
                .put("kf_wx", "xiaowang_wx"));
        accounts.put("xiaoli@demo", JSON.createObjectNode().put("kf_account", "xiaoli@demo").put("kf_nick", "小李")
                .put("kf_id", 1002).put("kf_headimgurl", "").put("invite_wx", "xiaoli_wx")
                .put("invite_expire_time", 1_764_547_200L).put("invite_status", "waiting"));
        session("oDemoUser0000000000000000001", "xiaowang@demo", 1_764_470_000L);
        session("oDemoUser0000000000000000002", "xiaowang@demo", 1_764_471_200L);
        waiting.add(JSON.createObjectNode().put("openid", "oDemoUser0000000000000000003").put("kf_account", "")
                .put("createtime", 1_764_472_000L));
    }

    private void session(String openid, String kf, long at) {
        sessions.put(openid, JSON.createObjectNode().put("kf_account", kf).put("createtime", at));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    ResponseDefinition answer(String path, JsonNode body, ServeEvent event) {
        String kf = body.path("kf_account").asText(query(event, "kf_account"));
        return switch (path) {
            case "/customservice/kfaccount/add" -> add(kf, body.path("nickname").asText(""));
            case "/customservice/kfaccount/update" -> update(kf, body.path("nickname").asText(""));
            case "/customservice/kfaccount/del" -> accounts.remove(kf) == null ? error(65401, "invalid kf_account")
                    : ok();
            case "/customservice/kfaccount/inviteworker" -> invite(kf, body.path("invite_wx").asText(""));
            case "/customservice/kfaccount/uploadheadimg" -> accounts.containsKey(kf) ? avatar(kf)
                    : error(65401, "invalid kf_account");
            case "/cgi-bin/customservice/getkflist" -> list();
            case "/cgi-bin/customservice/getonlinekflist" -> online();
            case "/customservice/kfsession/create" -> create(kf, body.path("openid").asText(""));
            case "/customservice/kfsession/close" -> close(kf, body.path("openid").asText(""));
            case "/customservice/kfsession/getsession" -> getSession(query(event, "openid"));
            case "/customservice/kfsession/getsessionlist" -> sessionList(kf);
            case "/customservice/kfsession/getwaitcase" -> waitCases();
            default -> error(40001, "unknown call");
        };
    }

    private ResponseDefinition add(String kf, String nickname) {
        if (!ACCOUNT.matcher(kf).matches()) {
            return error(65404, "invalid kf_account");
        }
        if (nickname.isBlank() || nickname.codePointCount(0, nickname.length()) > 16) {
            return error(65403, "invalid nickname");
        }
        if (accounts.containsKey(kf)) {
            return error(65406, "kf_account exsited");
        }
        accounts.put(kf, JSON.createObjectNode().put("kf_account", kf).put("kf_nick", nickname)
                .put("kf_id", nextKfId++).put("kf_headimgurl", ""));
        return ok();
    }

    private ResponseDefinition update(String kf, String nickname) {
        ObjectNode a = accounts.get(kf);
        if (a == null) {
            return error(65401, "invalid kf_account");
        }
        if (nickname.isBlank() || nickname.codePointCount(0, nickname.length()) > 16) {
            return error(65403, "invalid nickname");
        }
        a.put("kf_nick", nickname);
        return ok();
    }

    private ResponseDefinition invite(String kf, String wx) {
        ObjectNode a = accounts.get(kf);
        if (a == null) {
            return error(65401, "invalid kf_account");
        }
        if (!a.path("kf_wx").asText("").isEmpty()) {
            return error(65412, "kf_account already bind wechat");
        }
        if (wx.isBlank()) {
            return error(65409, "invalid wechat");
        }
        a.put("invite_wx", wx).put("invite_expire_time", now() + 7 * 86_400).put("invite_status", "waiting");
        return ok();
    }

    private ResponseDefinition avatar(String kf) {
        accounts.get(kf).put("kf_headimgurl", "http://mmbiz.qpic.cn/mmbiz/" + kf.replace('@', '_') + "/300");
        return ok();
    }

    private ResponseDefinition list() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("kf_list");
        accounts.values().forEach(list::add);
        return json(out);
    }

    private boolean isOnline(ObjectNode a) {
        return !"waiting".equals(a.path("invite_status").asText(""));
    }

    private ResponseDefinition online() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("kf_online_list");
        for (ObjectNode a : accounts.values()) {
            if (isOnline(a)) {
                String kf = a.path("kf_account").asText();
                long cases = sessions.values().stream().filter(s -> kf.equals(s.path("kf_account").asText())).count();
                list.addObject().put("kf_account", kf).put("status", 1).put("kf_id", a.path("kf_id").asInt())
                        .put("accepted_case", cases);
            }
        }
        return json(out);
    }

    private ResponseDefinition create(String kf, String openid) {
        if (!accounts.containsKey(kf)) {
            return error(65401, "invalid kf_account");
        }
        if (openid.isBlank()) {
            return error(40003, "invalid openid");
        }
        ObjectNode s = sessions.get(openid);
        if (s != null && !kf.equals(s.path("kf_account").asText())) {
            return error(65414, "customer is being served by another kf");
        }
        if (s == null) {
            session(openid, kf, now());
        }
        waiting.removeIf(w -> openid.equals(w.path("openid").asText()));
        return ok();
    }

    private ResponseDefinition close(String kf, String openid) {
        ObjectNode s = sessions.get(openid);
        if (s == null || !kf.equals(s.path("kf_account").asText())) {
            return error(65413, "no session for this customer");
        }
        sessions.remove(openid);
        return ok();
    }

    private ResponseDefinition getSession(String openid) {
        ObjectNode s = sessions.get(openid);
        ObjectNode out = JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok");
        out.put("kf_account", s == null ? "" : s.path("kf_account").asText());
        out.put("createtime", s == null ? 0 : s.path("createtime").asLong());
        return json(out);
    }

    private ResponseDefinition sessionList(String kf) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("sessionlist");
        sessions.forEach((openid, s) -> {
            if (kf.equals(s.path("kf_account").asText())) {
                list.addObject().put("openid", openid).put("createtime", s.path("createtime").asLong());
            }
        });
        return json(out);
    }

    private ResponseDefinition waitCases() {
        ObjectNode out = JSON.createObjectNode().put("count", waiting.size());
        ArrayNode list = out.putArray("waitcaselist");
        waiting.forEach(list::add);
        return json(out);
    }
}
