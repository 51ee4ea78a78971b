package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.spi.MenuRepository;

/**
 * Imports the menu in force ({@code get_current_selfmenu_info}, which also shows a menu made in the console) into the
 * menu repository, and publishes the stored menu after validating it. Console "value" buttons (text, image, voice,
 * video, news values) cannot be created through the API, so the import turns each into a click button with a
 * generated key plus a handler (source {@link Handler.Source#MENU}) that answers with the value, as wechat_django did.
 */
public final class MenuSync {
    /** The kind name in the sync state. */
    public static final String KIND = "menu";
    private static final Set<String> TYPES = Set.of("click", "view", "miniprogram", "scancode_push",
            "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select", "media_id",
            "view_limited", "article_id", "article_view_limited");

    private final MenuRepository menus;
    private final MaterialRepository materials;
    private final HandlerRepository handlers;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param menus where the menu is stored
     * @param handlers where handlers for value buttons go
     * @param states where results are recorded
     * @param clock the clock
     */
    public MenuSync(MenuRepository menus, HandlerRepository handlers, SyncStateStore states, Clock clock) {
        this(menus, handlers, null, states, clock);
    }

    /**
     * Creates the sync with a material repository: a console news button's articles are stored there as a local
     * news material (as the auto-reply import does) and its handler answers with them.
     *
     * @param menus where the menu is stored
     * @param handlers where handlers for value buttons go
     * @param materials where a news button's articles go, or {@code null} (its handler then answers with the
     *     button's value, the media id, when it has one)
     * @param states where results are recorded
     * @param clock the clock
     */
    public MenuSync(MenuRepository menus, HandlerRepository handlers, MaterialRepository materials,
            SyncStateStore states, Clock clock) {
        this.materials = materials;
        this.menus = menus;
        this.handlers = handlers;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Imports the current menu.
     *
     * @param account the account
     * @param client its client
     * @return what was done (stored = buttons, removed = 0)
     * @throws SyncException when WeChat fails or answers malformed; the stored menu and handlers stay as they were
     */
    public SyncResult importMenu(Account account, WeChatClient client) {
        return importMenu(account, client, SyncListener.NONE);
    }

    /**
     * Imports the current menu, with progress and cancellation. {@code get_current_selfmenu_info} must say
     * {@code is_menu_open}, an open menu must come with its buttons, each button needs a name and either a type or
     * its sub-button list, a news value button its articles; {@code menu/get} must carry {@code menu} and each
     * conditional menu its {@code menuid} and buttons. Nothing is written until both answers passed.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done (stored = buttons, removed = 0)
     * @throws SyncException when WeChat fails, answers malformed, or the run is cancelled; the stored menu and
     *     handlers stay as they were
     */
    public SyncResult importMenu(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, null, listener);
        try {
            rec.checkStop();
            JsonNode info = client.menus().currentSelfMenuInfo();
            rec.call();
            checkSelfMenu(info);
            rec.checkStop();
            // conditional menus only come from menu/get (46003 means there is no API menu at all)
            java.util.Map<String, JsonNode> conditional = new java.util.LinkedHashMap<>();
            java.util.Optional<JsonNode> apiMenu = client.menus().get();
            rec.call();
            if (apiMenu.isPresent()) {
                JsonNode m = apiMenu.get();
                if (!m.path("menu").isObject()) {
                    throw SyncRecorder.incomplete("menu/get lacks menu");
                }
                if (m.has("conditionalmenu")) {
                    for (JsonNode c : Answers.array(m, "conditionalmenu", "menu/get")) {
                        Answers.array(c, "button", "menu/get conditionalmenu");
                        conditional.put(Answers.text(c, "menuid", "menu/get conditionalmenu"), c);
                    }
                }
            }
            List<Handler> generated = new ArrayList<>();
            ArrayNode buttons = JsonNodeFactory.instance.arrayNode();
            int count = 0;
            for (JsonNode b : info.path("selfmenu_info").path("button")) {
                ObjectNode top = convert(account.name(), b, generated);
                if (b.path("sub_button").has("list")) {
                    ArrayNode subs = top.putArray("sub_button");
                    for (JsonNode s : b.path("sub_button").path("list")) {
                        subs.add(convert(account.name(), s, generated));
                        count++;
                    }
                }
                buttons.add(top);
                count++;
            }
            rec.total(count);
            ObjectNode menu = JsonNodeFactory.instance.objectNode();
            menu.set("button", buttons);
            rec.checkStop();
            menus.save(name, menu);
            menus.replaceConditionalMenus(name, conditional);
            handlers.replaceSource(name, Handler.Source.MENU, generated);
            return rec.done(count, count, 0, "imported " + count + " buttons, " + generated.size()
                    + " value buttons, " + conditional.size() + " conditional menus");
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }

    private static void checkSelfMenu(JsonNode info) {
        String where = "get_current_selfmenu_info";
        long open = Answers.number(info, "is_menu_open", where);
        if (open == 0 && !info.has("selfmenu_info")) {
            return;
        }
        if (!info.path("selfmenu_info").isObject()) {
            throw SyncRecorder.incomplete(where + " lacks selfmenu_info");
        }
        for (JsonNode b : Answers.array(info.get("selfmenu_info"), "button", where)) {
            Answers.text(b, "name", where + " button");
            if (b.hasNonNull("sub_button")) {
                for (JsonNode s : Answers.array(b.get("sub_button"), "list", where + " " + b.path("name").asText())) {
                    checkButton(s, where);
                }
            } else {
                checkButton(b, where);
            }
        }
    }

    private static void checkButton(JsonNode b, String where) {
        String label = where + " button " + b.path("name").asText("?");
        Answers.text(b, "name", label);
        String type = Answers.text(b, "type", label);
        if ("news".equals(type) && b.has("news_info") && (!b.path("news_info").path("list").isArray()
                || b.path("news_info").path("list").isEmpty())) {
            throw SyncRecorder.incomplete(label + " is a news button without its articles");
        }
    }

    private ObjectNode convert(String account, JsonNode b, List<Handler> generated) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", b.path("name").asText());
        String type = b.path("type").asText("");
        if (type.isEmpty()) {
            return out; // a parent of sub-buttons
        }
        if (TYPES.contains(type)) {
            out.put("type", type);
            for (String f : new String[] {"key", "url", "appid", "pagepath", "media_id", "article_id"}) {
                if (b.has(f)) {
                    out.put(f, b.path(f).asText());
                }
            }
            return out;
        }
        // a console value button: text / img / voice / video / news
        String value = b.path("value").asText("");
        String key = "wechatmp:" + Signatures.sha1(type + ":" + value).substring(0, 16);
        HandlerReply reply = switch (type) {
            case "text" -> HandlerReply.text(value);
            case "img" -> HandlerReply.image(value);
            case "voice" -> HandlerReply.voice(value);
            case "video" -> HandlerReply.text(value.startsWith("http") ? value : "video: " + value);
            case "news" -> news(account, b, value);
            default -> HandlerReply.text(value);
        };
        generated.add(Handler.builder("menu: " + b.path("name").asText()).rule(Rule.eventKey("CLICK", key))
                .reply(reply).build());
        out.put("type", "click");
        out.put("key", key);
        return out;
    }

    /**
     * A news button's reply: its articles stored as a local news material ({@link ImportedNews}; the console's answer
     * may carry no media id at all), or the button's media id when there is nowhere to store.
     */
    private HandlerReply news(String account, JsonNode b, String value) {
        JsonNode list = b.path("news_info").path("list");
        if (materials == null || !list.isArray() || list.isEmpty()) {
            return HandlerReply.news(value);
        }
        List<NewsArticle> articles = new ArrayList<>();
        for (JsonNode n : list) {
            articles.add(new NewsArticle(n.path("title").asText(""), null, n.path("cover_url").asText(null),
                    n.path("show_cover").asInt(0), n.path("author").asText(null), n.path("digest").asText(null), null,
                    n.path("content_url").asText(null), n.path("source_url").asText(null), 0, 0));
        }
        return ImportedNews.store(materials, account, articles);
    }

    /**
     * Validates the stored menu and publishes it.
     *
     * @param account the account
     * @param client its client
     * @throws WeChatException when no menu is stored or it is invalid (nothing is sent then)
     */
    public void publish(Account account, WeChatClient client) {
        JsonNode menu = menus.menu(account.name()).orElseThrow(() -> new WeChatException("no menu is stored for "
                + account.name()));
        List<String> problems = validate(menu);
        if (!problems.isEmpty()) {
            throw new WeChatException("menu of " + account.name() + " is invalid: " + String.join("; ", problems));
        }
        client.menus().create(menu);
        menus.recordPublished(account.name(), menu);
        SyncRecorder.start(states, clock, account.name(), KIND, null, SyncListener.NONE).done(0, 0, 0, "published");
    }

    /**
     * Checks a menu against WeChat's rules: 1 to 3 buttons, up to 5 sub-buttons each, names within 16 (top) or 60
     * (sub) bytes, known types, and each type's required field.
     *
     * @param menu the menu
     * @return the problems; empty when valid
     */
    public static List<String> validate(JsonNode menu) {
        List<String> problems = new ArrayList<>();
        JsonNode buttons = menu.path("button");
        if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
            problems.add("a menu has 1 to 3 buttons");
            return problems;
        }
        for (JsonNode b : buttons) {
            check(b, 16, problems);
            JsonNode subs = b.path("sub_button");
            if (subs.isArray() && !subs.isEmpty()) {
                if (subs.size() > 5) {
                    problems.add("button " + b.path("name").asText() + " has more than 5 sub-buttons");
                }
                for (JsonNode s : subs) {
                    check(s, 60, problems);
                    if (!s.has("type")) {
                        problems.add("sub-button " + s.path("name").asText() + " has no type");
                    }
                }
            } else if (!b.has("type")) {
                problems.add("button " + b.path("name").asText() + " has neither a type nor sub-buttons");
            }
        }
        return problems;
    }

    private static void check(JsonNode b, int maxBytes, List<String> problems) {
        String name = b.path("name").asText("");
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            problems.add("button name '" + name + "' must be 1 to " + maxBytes + " bytes");
        }
        if (!b.has("type")) {
            return;
        }
        String type = b.path("type").asText();
        if (!TYPES.contains(type)) {
            problems.add("button " + name + " has unknown type " + type);
        } else if (("view".equals(type) || "miniprogram".equals(type)) && b.path("url").asText("").isEmpty()) {
            problems.add("button " + name + " needs a url");
        } else if ("miniprogram".equals(type) && (b.path("appid").asText("").isEmpty()
                || b.path("pagepath").asText("").isEmpty())) {
            problems.add("button " + name + " needs appid and pagepath");
        } else if (type.startsWith("click") || type.startsWith("scancode") || type.startsWith("pic_")
                || "location_select".equals(type)) {
            String key = b.path("key").asText("");
            if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 128) {
                problems.add("button " + name + " needs a key of 1 to 128 bytes");
            }
        }
    }
}
