package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Permanent materials as WeChat keeps them, statefully: {@code material/get_materialcount}, {@code batchget_material},
 * {@code get_material} (a real PNG for images, bytes for voice, JSON for video and news, 40007 for an unknown id),
 * multipart {@code add_material} (image, voice, thumb; video with its description; WeChat's size limits answer
 * 40009/40006/40005), {@code del_material} (40007 when unknown), {@code add_news} (45106: retired),
 * {@code media/uploadimg} (a URL on the double), and {@code GET /mmbiz-double/...}, the files behind those URLs.
 */
final class MaterialAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-materials";
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    private final MaterialState state;

    MaterialAnswers(MaterialState state) {
        this.state = state;
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
        Request r = event.getRequest();
        String path = URI.create(r.getUrl()).getPath();
        if (path.startsWith("/mmbiz-double/")) {
            return path.endsWith(".mp4") ? bytes(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'},
                    "video/mp4") : bytes(MaterialState.PNG, "image/png");
        }
        Integer injected = state.takeFailure(path);
        if (injected != null) {
            return error(injected, "injected by the WeChat double");
        }
        String base = base(r);
        switch (path) {
            case "/cgi-bin/material/get_materialcount" -> {
                return json("{\"voice_count\":" + state.ofType("voice").size() + ",\"video_count\":"
                        + state.ofType("video").size() + ",\"image_count\":" + state.ofType("image").size()
                        + ",\"news_count\":" + state.ofType("news").size() + "}");
            }
            case "/cgi-bin/material/batchget_material" -> {
                return list(body(r), base);
            }
            case "/cgi-bin/material/get_material" -> {
                return get(body(r).path("media_id").asText(""), base);
            }
            case "/cgi-bin/material/del_material" -> {
                return state.remove(body(r).path("media_id").asText("")) ? ok()
                        : error(40007, "invalid media_id");
            }
            case "/cgi-bin/material/add_news" -> {
                return error(45106, "This API has been unsupported");
            }
            case "/cgi-bin/material/add_material" -> {
                return add(r, base);
            }
            case "/cgi-bin/media/uploadimg" -> {
                Request.Part media = part(r, "media");
                if (media == null) {
                    return error(41005, "media data missing");
                }
                byte[] b = media.getBody().asBytes();
                if (b.length > 1024 * 1024) {
                    return error(40009, "invalid image size");
                }
                return json("{\"url\":\"" + base + "/mmbiz-double/img/" + state.newId("IMG") + ".png\"}");
            }
            default -> {
                return error(48001, "api unauthorized");
            }
        }
    }

    private ResponseDefinition list(JsonNode body, String base) {
        String type = body.path("type").asText("");
        if (!List.of("image", "voice", "video", "news").contains(type)) {
            return error(40004, "invalid media type");
        }
        int offset = Math.max(0, body.path("offset").asInt(0));
        int count = Math.max(1, Math.min(20, body.path("count").asInt(20)));
        List<MaterialState.Material> all = new java.util.ArrayList<>(state.ofType(type));
        java.util.Collections.reverse(all);
        ObjectNode out = MaterialState.JSON.createObjectNode();
        out.put("total_count", all.size());
        ArrayNode items = out.putArray("item");
        for (MaterialState.Material m : all.subList(Math.min(offset, all.size()), Math.min(offset + count,
                all.size()))) {
            ObjectNode item = items.addObject().put("media_id", m.mediaId());
            if ("news".equals(type)) {
                item.putObject("content").put("update_time", m.updateTime()).set("news_item", m.articles());
            } else {
                item.put("name", m.name());
                if ("image".equals(type)) {
                    item.put("url", url(base, m));
                }
            }
            item.put("update_time", m.updateTime());
        }
        out.put("item_count", items.size());
        return json(out.toString());
    }

    private static String url(String base, MaterialState.Material m) {
        return base + "/mmbiz-double/material/" + m.mediaId() + ".png";
    }

    private ResponseDefinition get(String mediaId, String base) {
        MaterialState.Material m = state.material(mediaId);
        if (m == null) {
            return error(40007, "invalid media_id");
        }
        return switch (m.type()) {
            case "image" -> bytes(MaterialState.PNG, "image/png");
            case "voice" -> bytes(MaterialState.MP3, "audio/mpeg");
            case "video" -> {
                ObjectNode v = MaterialState.JSON.createObjectNode().put("title", m.title())
                        .put("description", m.introduction())
                        .put("down_url", base + "/mmbiz-double/video/" + m.mediaId() + ".mp4");
                yield json(v.toString());
            }
            default -> {
                ObjectNode n = MaterialState.JSON.createObjectNode();
                n.set("news_item", m.articles());
                yield json(n.toString());
            }
        };
    }

    private ResponseDefinition add(Request r, String base) {
        String type = r.queryParameter("type").isPresent() ? r.queryParameter("type").firstValue() : "";
        Request.Part media = part(r, "media");
        if (media == null) {
            return error(41005, "media data missing");
        }
        String name = fileName(media);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        int size = media.getBody().asBytes().length;
        record Limit(long bytes, List<String> exts, int errcode) {
        }
        Limit limit = switch (type) {
            case "image" -> new Limit(10L << 20, List.of("bmp", "png", "jpeg", "jpg", "gif"), 40009);
            case "voice" -> new Limit(2L << 20, List.of("amr", "mp3"), 40006);
            case "video" -> new Limit(10L << 20, List.of("mp4"), 40006);
            case "thumb" -> new Limit(64L << 10, List.of("jpg"), 40009);
            default -> null;
        };
        if (limit == null) {
            return error(40004, "invalid media type");
        }
        if (!limit.exts().contains(ext)) {
            return error(40005, "invalid file type");
        }
        if (size == 0 || size > limit.bytes()) {
            return error(limit.errcode(), "invalid media size");
        }
        String title = null;
        String intro = null;
        if ("video".equals(type)) {
            Request.Part d = part(r, "description");
            JsonNode desc;
            try {
                desc = MaterialState.JSON.readTree(d == null ? "{}" : d.getBody().asString());
            } catch (IOException e) {
                return error(40002, "invalid description");
            }
            title = desc.path("title").asText("");
            intro = desc.path("introduction").asText("");
            if (title.isEmpty()) {
                return error(40002, "invalid description: title missing");
            }
        }
        String stored = "thumb".equals(type) ? "image" : type;
        MaterialState.Material m = new MaterialState.Material(state.newId("MAT_"), stored, name, state.now(), title,
                intro, null);
        state.put(m);
        ObjectNode out = MaterialState.JSON.createObjectNode().put("media_id", m.mediaId());
        if ("image".equals(stored)) {
            out.put("url", url(base, m));
        }
        return json(out.toString());
    }

    private static Request.Part part(Request r, String name) {
        if (!r.isMultipart()) {
            return null;
        }
        for (Request.Part p : r.getParts()) {
            if (name.equals(p.getName())) {
                return p;
            }
        }
        return null;
    }

    private static String fileName(Request.Part p) {
        var h = p.getHeader("Content-Disposition");
        Matcher m = FILE_NAME.matcher(h == null || !h.isPresent() ? "" : h.firstValue());
        return m.find() ? m.group(1) : "";
    }

    static String base(Request r) {
        URI u = URI.create(r.getAbsoluteUrl());
        return u.getScheme() + "://" + u.getAuthority();
    }

    static JsonNode body(Request r) {
        try {
            String b = r.getBodyAsString();
            return MaterialState.JSON.readTree(b == null || b.isBlank() ? "{}" : b);
        } catch (IOException e) {
            return MaterialState.JSON.createObjectNode();
        }
    }

    static ResponseDefinition json(String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }

    static ResponseDefinition ok() {
        return json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    static ResponseDefinition error(int errcode, String errmsg) {
        return json("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}");
    }

    private static ResponseDefinition bytes(byte[] b, String type) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", type)
                .withBody(b).build();
    }
}
