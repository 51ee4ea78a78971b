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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers the menu calls ({@code "transformers": ["wechat-menus"]}) statefully, like WeChat: {@code menu/create}
 * replaces the default menu that {@code menu/get} and {@code get_current_selfmenu_info} then return;
 * {@code menu/addconditional} answers a new {@code menuid}, {@code menu/delconditional} removes it,
 * {@code menu/trymatch} answers the conditional menu whose tag the follower has (tags as the double was told through
 * {@code tags/members/batchtagging} / {@code batchuntagging}) or else the default menu, {@code menu/delete} removes
 * everything. Invalid menus get WeChat's errcodes: 40016 (button count), 40017 (button type), 40018 (name over 16
 * bytes), 40019 (key over 128 bytes), 40020 (url over 1024 bytes), 40023 (more than 5 sub-buttons), 40025 (sub-button
 * name over 60 bytes); conditional menus: 65303 (no default menu yet), 65304 (empty match rule), 65320 (sex, region
 * or language rules, which WeChat no longer supports), 65301 (unknown menuid); 46003 when there is no menu.
 * Before the first create the shipped files answer (a console-made menu with value buttons).
 */
final class MenuAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-menus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("click", "view", "miniprogram", "scancode_push",
            "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select", "media_id",
            "view_limited", "article_id", "article_view_limited");

    private final Supplier<List<ServeEvent>> served;
    private JsonNode selfMenu = file("get_current_selfmenu_info.json");
    private JsonNode apiMenu = file("menu_get.json").path("menu");
    private final Map<String, JsonNode> conditional = new LinkedHashMap<>();
    private long nextMenuId = 400_000_001L;
    private int failNextCreate;

    MenuAnswers(Supplier<List<ServeEvent>> served) {
        this.served = served;
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
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String url = event.getRequest().getUrl();
        String path = url.split("\\?")[0];
        JsonNode body;
        try {
            String text = event.getRequest().getBodyAsString();
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return error(47001, "data format error");
        }
        return switch (path) {
            case "/cgi-bin/menu/create" -> create(body);
            case "/cgi-bin/menu/get" -> get();
            case "/cgi-bin/menu/delete" -> delete();
            case "/cgi-bin/menu/addconditional" -> addConditional(body);
            case "/cgi-bin/menu/delconditional" -> delConditional(body);
            case "/cgi-bin/menu/trymatch" -> tryMatch(body);
            case "/cgi-bin/get_current_selfmenu_info" -> answer(selfMenu);
            default -> error(40066, "invalid url");
        };
    }

    /** Makes the next {@code menu/create} answer this errcode instead (once). */
    synchronized void failNextCreate(int errcode) {
        failNextCreate = errcode;
    }

    private ResponseDefinition create(JsonNode body) {
        if (failNextCreate != 0) {
            int code = failNextCreate;
            failNextCreate = 0;
            return error(code, "api unauthorized (the double was told to refuse)");
        }
        ResponseDefinition invalid = check(body);
        if (invalid != null) {
            return invalid;
        }
        apiMenu = body.deepCopy();
        ObjectNode self = JSON.createObjectNode();
        self.put("is_menu_open", 1);
        ArrayNode buttons = self.putObject("selfmenu_info").putArray("button");
        for (JsonNode b : body.path("button")) {
            ObjectNode top = ((ObjectNode) b).deepCopy();
            if (b.path("sub_button").isArray() && !b.path("sub_button").isEmpty()) {
                top.remove("sub_button");
                top.putObject("sub_button").set("list", b.path("sub_button").deepCopy());
            } else {
                top.remove("sub_button");
            }
            buttons.add(top);
        }
        selfMenu = self;
        return ok();
    }

    private ResponseDefinition get() {
        if (apiMenu == null) {
            return error(46003, "menu no exist");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("menu", apiMenu.deepCopy());
        if (!conditional.isEmpty()) {
            ArrayNode list = out.putArray("conditionalmenu");
            conditional.values().forEach(c -> list.add(c.deepCopy()));
        }
        return answer(out);
    }

    private ResponseDefinition delete() {
        apiMenu = null;
        conditional.clear();
        ObjectNode self = JSON.createObjectNode();
        self.put("is_menu_open", 0);
        selfMenu = self;
        return ok();
    }

    private ResponseDefinition addConditional(JsonNode body) {
        if (apiMenu == null) {
            return error(65303, "there is no selfmenu, please create selfmenu first");
        }
        JsonNode rule = body.path("matchrule");
        for (String refused : new String[] {"sex", "country", "province", "city", "language"}) {
            if (!rule.path(refused).asText("").isEmpty()) {
                return error(65320, "the matchrule of " + refused + " is not supported");
            }
        }
        if (rule.path("tag_id").asText("").isEmpty() && rule.path("client_platform_type").asText("").isEmpty()) {
            return error(65304, "match rule empty");
        }
        ResponseDefinition invalid = check(body);
        if (invalid != null) {
            return invalid;
        }
        String id = Long.toString(nextMenuId++);
        ObjectNode stored = JSON.createObjectNode();
        stored.set("button", body.path("button").deepCopy());
        stored.set("matchrule", rule.deepCopy());
        stored.put("menuid", id);
        conditional.put(id, stored);
        ObjectNode out = JSON.createObjectNode();
        out.put("menuid", id);
        return answer(out);
    }

    private ResponseDefinition delConditional(JsonNode body) {
        if (conditional.remove(body.path("menuid").asText("")) == null) {
            return error(65301, "menuid not exist");
        }
        return ok();
    }

    private ResponseDefinition tryMatch(JsonNode body) {
        String user = body.path("user_id").asText("");
        if (user.isEmpty()) {
            return error(40003, "invalid openid");
        }
        if (apiMenu == null) {
            return error(46003, "menu no exist");
        }
        Set<String> tags = tagsOf(user);
        List<JsonNode> newestFirst = new ArrayList<>(conditional.values());
        java.util.Collections.reverse(newestFirst);
        for (JsonNode c : newestFirst) {
            String tag = c.path("matchrule").path("tag_id").asText("");
            if (!tag.isEmpty() && tags.contains(tag)) {
                ObjectNode out = JSON.createObjectNode();
                out.set("button", c.path("button").deepCopy());
                return answer(out);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("button", apiMenu.path("button").deepCopy());
        return answer(out);
    }

    /** The tags of a follower, replaying the tagging calls the double received (oldest first). */
    private Set<String> tagsOf(String openid) {
        List<ServeEvent> events = new ArrayList<>(served.get());
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        Set<String> tags = new HashSet<>();
        for (ServeEvent e : events) {
            String p = e.getRequest().getUrl().split("\\?")[0];
            boolean add = p.equals("/cgi-bin/tags/members/batchtagging");
            if (!add && !p.equals("/cgi-bin/tags/members/batchuntagging")) {
                continue;
            }
            try {
                JsonNode b = JSON.readTree(e.getRequest().getBodyAsString());
                for (JsonNode o : b.path("openid_list")) {
                    if (o.asText().equals(openid)) {
                        if (add) {
                            tags.add(b.path("tagid").asText());
                        } else {
                            tags.remove(b.path("tagid").asText());
                        }
                    }
                }
            } catch (IOException ex) {
                // a malformed tagging request changed nothing
            }
        }
        return tags;
    }

    /** WeChat's checks of a menu's buttons, in WeChat's order; null when valid. */
    private static ResponseDefinition check(JsonNode menu) {
        JsonNode buttons = menu.path("button");
        if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
            return error(40016, "invalid button size");
        }
        for (JsonNode b : buttons) {
            if (bytes(b.path("name")) == 0 || bytes(b.path("name")) > 16) {
                return error(40018, "invalid button name size");
            }
            JsonNode subs = b.path("sub_button");
            if (subs.isArray() && !subs.isEmpty()) {
                if (subs.size() > 5) {
                    return error(40023, "invalid sub button size");
                }
                for (JsonNode s : subs) {
                    if (bytes(s.path("name")) == 0 || bytes(s.path("name")) > 60) {
                        return error(40025, "invalid sub button name size");
                    }
                    ResponseDefinition bad = checkLeaf(s);
                    if (bad != null) {
                        return bad;
                    }
                }
            } else {
                ResponseDefinition bad = checkLeaf(b);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static ResponseDefinition checkLeaf(JsonNode b) {
        if (!TYPES.contains(b.path("type").asText(""))) {
            return error(40017, "invalid button type");
        }
        if (bytes(b.path("key")) > 128) {
            return error(40019, "invalid button key size");
        }
        if (bytes(b.path("url")) > 1024) {
            return error(40020, "invalid button url size");
        }
        return null;
    }

    private static int bytes(JsonNode text) {
        return text.asText("").getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode file(String name) {
        try (InputStream in = MenuAnswers.class.getClassLoader().getResourceAsStream("wechat-double/__files/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition ok() {
        return error(0, "ok");
    }

    private static ResponseDefinition error(int errcode, String errmsg) {
        ObjectNode out = JSON.createObjectNode();
        out.put("errcode", errcode);
        out.put("errmsg", errmsg);
        return answer(out);
    }

    private static ResponseDefinition answer(JsonNode json) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(json.toString()).build();
    }
}
