package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Comments on published articles as WeChat answers them, with state per article ({@code msg_data_id} and
 * {@code index}): every article starts with the shipped three comments; electing, deleting, replying and deleting a
 * reply change what {@code comment/list} returns, paged by {@code begin}/{@code count} and filtered by {@code type}.
 * The errcodes are WeChat's: 88005 already replied, 88007 empty reply, 88008 no such comment, 88010 bad count.
 */
final class CommentAnswers extends ReachAnswers {
    static final String NAME = "wechat-double-comments";
    private final Map<String, List<ObjectNode>> articles = new HashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    private List<ObjectNode> comments(JsonNode body) {
        String key = body.path("msg_data_id").asLong() + "_" + body.path("index").asInt();
        return articles.computeIfAbsent(key, k -> seed());
    }

    private static List<ObjectNode> seed() {
        try (InputStream in = CommentAnswers.class.getResourceAsStream("/wechat-double/__files/comment_list.json")) {
            List<ObjectNode> out = new ArrayList<>();
            JSON.readTree(in).path("comment").forEach(c -> out.add((ObjectNode) c.deepCopy()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    ResponseDefinition answer(String path, JsonNode body, ServeEvent event) {
        if (!body.has("msg_data_id")) {
            return error(88001, "msg_data is not exists");
        }
        String call = path.substring("/cgi-bin/comment/".length());
        if ("open".equals(call) || "close".equals(call)) {
            comments(body);
            return ok();
        }
        if ("list".equals(call)) {
            return list(body);
        }
        long id = body.path("user_comment_id").asLong();
        ObjectNode c = comments(body).stream().filter(x -> x.path("user_comment_id").asLong() == id).findFirst()
                .orElse(null);
        if (c == null) {
            return error(88008, "comment is not exists");
        }
        switch (call) {
            case "markelect" -> c.put("comment_type", 1);
            case "unmarkelect" -> c.put("comment_type", 0);
            case "delete" -> comments(body).remove(c);
            case "reply/add" -> {
                String content = body.path("content").asText("");
                if (c.has("reply")) {
                    return error(88005, "already reply");
                }
                if (content.isBlank()) {
                    return error(88007, "reply content beyond max len or content len is zero");
                }
                c.putObject("reply").put("content", content).put("create_time", now());
            }
            case "reply/delete" -> c.remove("reply");
            default -> {
                return error(40001, "unknown call");
            }
        }
        return ok();
    }

    private ResponseDefinition list(JsonNode body) {
        int begin = body.path("begin").asInt(0);
        int count = body.path("count").asInt(0);
        int type = body.path("type").asInt(0);
        if (count <= 0 || count > 50 || begin < 0) {
            return error(88010, "count range error. cout <= 0 or count > 50");
        }
        List<ObjectNode> matching = comments(body).stream().filter(c -> type == 0
                || type == 1 && c.path("comment_type").asInt() == 0 || type == 2 && c.path("comment_type").asInt() == 1)
                .toList();
        ObjectNode out = JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok").put("total", matching.size());
        ArrayNode list = out.putArray("comment");
        matching.stream().skip(begin).limit(count).forEach(list::add);
        return json(out);
    }
}
