package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Answers, statefully, the follower calls of the admin (with generated followers): tags list / create / update /
 * delete, batch tagging and untagging, a tag's members, the tags of a user, the blacklist and its batch calls,
 * remarks, one profile, and the avatars ({@code /mmopen/...}, a small PNG). The errcodes are WeChat's: 45058 for a
 * system tag (0, 1, 2), 45157 for a duplicate tag name, 45158 for a name over 30 characters, 45056 past 100 tags,
 * 45159 for an unknown tag id, 40032 for too many openids in one call (50 for tagging, 20 for the blacklist),
 * 40003 for an openid that is not a follower, 45059 past 20 tags on a user; any other errcode with
 * {@link WeChatDouble#failNext(String, int, String)}.
 */
final class FollowerAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-follower-answers";
    static final List<String> POSTS = List.of("/cgi-bin/tags/create", "/cgi-bin/tags/update", "/cgi-bin/tags/delete",
            "/cgi-bin/tags/members/batchtagging", "/cgi-bin/tags/members/batchuntagging", "/cgi-bin/user/tag/get",
            "/cgi-bin/tags/getidlist", "/cgi-bin/tags/members/getblacklist", "/cgi-bin/tags/members/batchblacklist",
            "/cgi-bin/tags/members/batchunblacklist", "/cgi-bin/user/info/updateremark");
    static final List<String> GETS = List.of("/cgi-bin/tags/get", "/cgi-bin/user/info");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FollowerBook book;
    private final Followers followers;

    FollowerAnswers(FollowerBook book, Followers followers) {
        this.book = book;
        this.followers = followers;
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
        String path = event.getRequest().getUrl().split("\\?")[0];
        if (path.startsWith("/mmopen/")) {
            return avatar(path);
        }
        JsonNode body;
        try {
            String text = event.getRequest().getBodyAsString();
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return error(47001, "data format error");
        }
        return switch (path) {
            case "/cgi-bin/tags/get" -> tags();
            case "/cgi-bin/tags/create" -> create(body.path("tag").path("name").asText(""));
            case "/cgi-bin/tags/update" -> update(body.path("tag").path("id").asInt(-1),
                    body.path("tag").path("name").asText(""));
            case "/cgi-bin/tags/delete" -> delete(body.path("tag").path("id").asInt(-1));
            case "/cgi-bin/tags/members/batchtagging" -> tagging(body, true);
            case "/cgi-bin/tags/members/batchuntagging" -> tagging(body, false);
            case "/cgi-bin/user/tag/get" -> page(book.hasTag(body.path("tagid").asInt(-1))
                    ? book.members(body.path("tagid").asInt()) : null, body.path("next_openid").asText(""));
            case "/cgi-bin/tags/getidlist" -> tagsOf(body.path("openid").asText(""));
            case "/cgi-bin/tags/members/getblacklist" -> page(book.blacklist(), body.path("begin_openid").asText(""));
            case "/cgi-bin/tags/members/batchblacklist" -> blacklist(body, true);
            case "/cgi-bin/tags/members/batchunblacklist" -> blacklist(body, false);
            case "/cgi-bin/user/info/updateremark" -> remark(body.path("openid").asText(""),
                    body.path("remark").asText(""));
            case "/cgi-bin/user/info" -> info(event.getRequest().queryParameter("openid").isPresent()
                    ? event.getRequest().queryParameter("openid").firstValue() : "");
            default -> error(48001, "api unauthorized");
        };
    }

    private ResponseDefinition tags() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("tags");
        for (Map.Entry<Integer, String> t : book.tags().entrySet()) {
            list.addObject().put("id", t.getKey()).put("name", t.getValue()).put("count", book.count(t.getKey()));
        }
        return json(out);
    }

    private ResponseDefinition create(String name) {
        ResponseDefinition bad = badName(name);
        if (bad != null) {
            return bad;
        }
        if (book.tags().size() >= 100) {
            return error(45056, "too many tags now, no need to add new");
        }
        int id = book.create(name);
        ObjectNode out = JSON.createObjectNode();
        out.putObject("tag").put("id", id).put("name", name);
        return json(out);
    }

    private ResponseDefinition badName(String name) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 30) {
            return error(45158, "tag name too long");
        }
        if (book.hasTagNamed(name)) {
            return error(45157, "invalid tag name");
        }
        return null;
    }

    private ResponseDefinition update(int id, String name) {
        if (FollowerBook.SYSTEM.contains(id)) {
            return error(45058, "can't modify sys tag");
        }
        if (!book.hasTag(id)) {
            return error(45159, "invalid tag id");
        }
        if (name.equals(book.tags().get(id))) {
            return ok();
        }
        ResponseDefinition bad = badName(name);
        if (bad != null) {
            return bad;
        }
        book.rename(id, name);
        return ok();
    }

    private ResponseDefinition delete(int id) {
        if (FollowerBook.SYSTEM.contains(id)) {
            return error(45058, "can't modify sys tag");
        }
        if (!book.hasTag(id)) {
            return error(45159, "invalid tag id");
        }
        if (book.count(id) > 100_000) {
            return error(45057, "can't delete the tag that has too much fans");
        }
        book.delete(id);
        return ok();
    }

    private ResponseDefinition tagging(JsonNode body, boolean add) {
        int id = body.path("tagid").asInt(-1);
        List<String> openids = openids(body);
        if (!book.hasTag(id)) {
            return error(45159, "invalid tag id");
        }
        if (openids.isEmpty() || openids.size() > 50) {
            return error(40032, "invalid openid list size");
        }
        for (String o : openids) {
            if (!followers.isFollower(o)) {
                return error(40003, "invalid openid");
            }
            if (add && book.tagsOf(o).size() >= 20 && !book.tagsOf(o).contains(id)) {
                return error(45059, "fans tag number exceeds limit");
            }
        }
        book.tag(id, openids, add);
        return ok();
    }

    private ResponseDefinition blacklist(JsonNode body, boolean add) {
        List<String> openids = openids(body);
        if (openids.isEmpty() || openids.size() > 20) {
            return error(40032, "invalid openid list size");
        }
        for (String o : openids) {
            if (!followers.isFollower(o)) {
                return error(40003, "invalid openid");
            }
        }
        book.blacklist(openids, add);
        return ok();
    }

    private ResponseDefinition remark(String openid, String remark) {
        if (!followers.isFollower(openid)) {
            return error(40003, "invalid openid");
        }
        if (remark.codePointCount(0, remark.length()) > 30) {
            return error(45010, "remark too long");
        }
        book.remark(openid, remark);
        return ok();
    }

    private ResponseDefinition tagsOf(String openid) {
        if (!followers.isFollower(openid)) {
            return error(40003, "invalid openid");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("tagid_list");
        book.tagsOf(openid).forEach(list::add);
        return json(out);
    }

    private ResponseDefinition info(String openid) {
        if (!followers.isFollower(openid)) {
            return error(40003, "invalid openid");
        }
        try {
            return json(JSON.readTree(followers.profile(openid)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of openids after a cursor, 10,000 at most, as user/tag/get and getblacklist answer. */
    private static ResponseDefinition page(List<String> all, String after) {
        if (all == null) {
            return error(45159, "invalid tag id");
        }
        int from = after.isEmpty() ? 0 : all.indexOf(after) + 1;
        List<String> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + 10_000));
        ObjectNode out = JSON.createObjectNode();
        out.put("total", all.size()).put("count", page.size());
        if (!page.isEmpty()) {
            ArrayNode ids = out.putObject("data").putArray("openid");
            page.forEach(ids::add);
        }
        out.put("next_openid", page.isEmpty() ? "" : page.get(page.size() - 1));
        return json(out);
    }

    private static List<String> openids(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("openid_list").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ResponseDefinition avatar(String path) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Color c = Color.getHSBColor((path.hashCode() & 0xffff) / 65535f, 0.45f, 0.85f);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) {
                img.setRGB(x, y, c.getRGB());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "image/png")
                .withBody(png.toByteArray()).build();
    }

    private static ResponseDefinition ok() {
        return error(0, "ok");
    }

    private static ResponseDefinition error(int errcode, String errmsg) {
        ObjectNode out = JSON.createObjectNode();
        out.put("errcode", errcode).put("errmsg", errmsg);
        return json(out);
    }

    private static ResponseDefinition json(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
    }
}
