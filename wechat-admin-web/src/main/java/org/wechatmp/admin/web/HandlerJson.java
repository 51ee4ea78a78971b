package org.wechatmp.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * Handlers as a JSON file, to copy them between accounts or environments. The file names its format and version,
 * and carries the articles of news replies (a news reply is built from stored articles, so they travel with it).
 * Importing checks each handler like the form does ({@link HandlerCheck}); a handler equal to one the account has
 * (name, rules, replies, strategy) is skipped, so importing a file twice adds nothing. Imported handlers become the
 * account's own ({@link Handler.Source#SELF}): a console import or menu sync never replaces them.
 */
final class HandlerJson {
    static final String FORMAT = "wechat-admin-handlers";
    static final int VERSION = 1;
    /** The largest file accepted, in characters. */
    static final int MAX_CHARS = 1_000_000;
    static final int MAX_HANDLERS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HandlerJson() {
    }

    /**
     * What an import did.
     *
     * @param imported the names of the handlers added
     * @param skipped one line per handler left out: its name or position, then why
     * @param warnings media ids the account has not stored (the handler is imported, but may not answer)
     */
    record Report(List<String> imported, List<Skipped> skipped, List<String> warnings) {
    }

    /**
     * A handler left out.
     *
     * @param name its name or position
     * @param problems why
     */
    record Skipped(String name, List<HandlerProblem> problems) {
    }

    static String export(String account, Instant at, List<Handler> handlers, MaterialRepository materials) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION).put("account", account).put("exportedAt", at.toString());
        ArrayNode list = root.putArray("handlers");
        for (Handler h : handlers.stream().sorted(Handler.ORDER).toList()) {
            ObjectNode o = list.addObject();
            o.put("name", h.name()).put("enabled", h.enabled()).put("weight", h.weight())
                    .put("startsAt", h.startsAt() == null ? null : h.startsAt().toString())
                    .put("endsAt", h.endsAt() == null ? null : h.endsAt().toString())
                    .put("strategy", h.strategy().name()).put("logMessages", h.logMessages())
                    .put("source", h.source().name());
            ArrayNode rules = o.putArray("rules");
            h.rules().forEach(r -> rules.addObject().put("type", r.type().name()).put("value", r.value())
                    .put("key", r.key()));
            ArrayNode replies = o.putArray("replies");
            for (HandlerReply r : h.replies()) {
                ObjectNode p = JSON.valueToTree(r);
                if (r.type() == HandlerReply.Type.NEWS && r.mediaId() != null) {
                    ArrayNode articles = p.putArray("articles");
                    for (NewsArticle a : materials.articles(account, r.mediaId())) {
                        ObjectNode an = JSON.valueToTree(a);
                        an.remove("content"); // the body is not needed to answer and can be large
                        articles.add(an);
                    }
                }
                replies.add(p);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a file and stores the handlers that pass.
     *
     * @return the report, or {@code null} with {@code problems} filled when the file itself is not one of ours
     */
    static Report importInto(String account, String text, HandlerCheck check, HandlerRepository handlers,
            MaterialRepository materials, List<HandlerProblem> problems) {
        JsonNode root;
        try {
            root = text.length() > MAX_CHARS ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("handlers").isArray()) {
            problems.add(HandlerProblem.of("replies.json.notours", MAX_CHARS / 1000));
            return null;
        }
        if (root.path("version").asInt() != VERSION) {
            problems.add(HandlerProblem.of("replies.json.version", root.path("version").asText(), VERSION));
            return null;
        }
        if (root.path("handlers").size() > MAX_HANDLERS) {
            problems.add(HandlerProblem.of("replies.json.toomany", MAX_HANDLERS));
            return null;
        }
        Set<String> present = new HashSet<>();
        handlers.handlers(account).forEach(h -> present.add(identity(h)));
        List<String> imported = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // saved from the last to the first: among equal weights the engine prefers the newest, so the account ends
        // up with the file's order
        List<JsonNode> list = new ArrayList<>();
        root.path("handlers").forEach(list::add);
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode o = list.get(i);
            String name = o.path("name").asText("#" + (i + 1));
            List<HandlerProblem> why = new ArrayList<>();
            Handler h = read(o, why);
            if (h != null) {
                why.addAll(check.problems(h));
            }
            if (h != null && why.isEmpty() && !present.add(identity(h))) {
                why.add(HandlerProblem.of("replies.json.duplicate"));
            }
            if (!why.isEmpty()) {
                skipped.add(new Skipped(name, why));
                continue;
            }
            storeArticles(account, o, materials);
            handlers.save(account, h);
            imported.add(h.name());
            for (HandlerReply r : h.replies()) {
                String media = r.type() == HandlerReply.Type.MUSIC ? r.thumbMediaId() : r.mediaId();
                if (media != null && r.type() != HandlerReply.Type.NEWS && materials.find(account, media).isEmpty()) {
                    warnings.add(h.name() + ": " + media);
                }
            }
        }
        Collections.reverse(imported);
        Collections.reverse(skipped);
        Collections.reverse(warnings);
        return new Report(imported, skipped, warnings);
    }

    /** The fields that make two handlers the same for an import. */
    static String identity(Handler h) {
        return h.name() + '\u0000' + h.strategy() + '\u0000' + h.rules() + '\u0000' + h.replies();
    }

    private static Handler read(JsonNode o, List<HandlerProblem> why) {
        try {
            Handler.Builder b = Handler.builder(text(o, "name")).enabled(o.path("enabled").asBoolean(true))
                    .weight(o.path("weight").asInt(0)).logMessages(o.path("logMessages").asBoolean(false))
                    .strategy(Handler.Strategy.valueOf(o.path("strategy").asText("REPLY_ALL")))
                    .window(instant(o, "startsAt"), instant(o, "endsAt")).source(Handler.Source.SELF);
            int n = 0;
            for (JsonNode r : o.path("rules")) {
                n++;
                try {
                    b.rule(new Rule(Rule.Type.valueOf(text(r, "type")), text(r, "value"), text(r, "key")));
                } catch (PatternSyntaxException e) {
                    why.add(HandlerProblem.of("replies.err.regex", n, text(r, "value"), e.getDescription()));
                }
            }
            for (JsonNode r : o.path("replies")) {
                b.reply(new HandlerReply(HandlerReply.Type.valueOf(text(r, "type")), opt(r, "content"),
                        opt(r, "mediaId"), opt(r, "title"), opt(r, "description"), opt(r, "musicUrl"),
                        opt(r, "hqMusicUrl"), opt(r, "thumbMediaId"), opt(r, "url"), opt(r, "name")));
            }
            return why.isEmpty() ? b.build() : null;
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            why.add(HandlerProblem.of("replies.json.badhandler"));
            return null;
        }
    }

    private static void storeArticles(String account, JsonNode o, MaterialRepository materials) {
        for (JsonNode r : o.path("replies")) {
            String media = opt(r, "mediaId");
            if (!"NEWS".equals(r.path("type").asText()) || media == null || !r.path("articles").isArray()
                    || r.path("articles").isEmpty() || !materials.articles(account, media).isEmpty()) {
                continue;
            }
            List<NewsArticle> articles = new ArrayList<>();
            for (JsonNode a : r.path("articles")) {
                articles.add(JSON.convertValue(a, NewsArticle.class));
            }
            materials.saveArticles(account, media, articles);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String opt(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode o, String field) {
        String v = opt(o, field);
        return v == null || v.isEmpty() ? null : Instant.parse(v);
    }
}
