package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.wechatmp.core.WeChatException;

/**
 * Permanent materials: count, paged listing, get (news as articles, video as JSON, image and voice streamed), add
 * (multipart; videos with title and introduction), delete, and images for article bodies.
 */
public final class MaterialsApi {
    /** The most items WeChat returns per listing call. */
    public static final int PAGE_LIMIT = 20;

    private final ApiExecutor x;

    MaterialsApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * How many materials of each kind exist.
     *
     * @return the counts
     */
    public MaterialCount count() {
        return x.convert(x.json(ApiExecutor.get("/cgi-bin/material/get_materialcount", null)), MaterialCount.class);
    }

    /**
     * One page of materials of a kind.
     *
     * @param type the kind (image, voice, video, news)
     * @param offset where to start
     * @param count how many, 1 to {@value #PAGE_LIMIT}
     * @return the page
     */
    public MaterialPage list(MaterialType type, int offset, int count) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("offset", offset);
        body.put("count", count);
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/material/batchget_material", body));
        List<MaterialItem> items = new ArrayList<>();
        for (JsonNode item : json.path("item")) {
            List<NewsArticle> articles = new ArrayList<>();
            for (JsonNode a : item.path("content").path("news_item")) {
                articles.add(x.convert(a, NewsArticle.class));
            }
            long updated = item.path("update_time").asLong(item.path("content").path("update_time").asLong(0));
            items.add(new MaterialItem(item.path("media_id").asText(""), item.path("name").asText(""), updated,
                    item.path("url").asText(""), articles));
        }
        return new MaterialPage(json.path("total_count").asInt(0), json.path("item_count").asInt(items.size()),
                items);
    }

    /**
     * Every material of a kind, paged lazily {@value #PAGE_LIMIT} at a time.
     *
     * @param type the kind
     * @return the materials
     */
    public Stream<MaterialItem> all(MaterialType type) {
        return Pages.stream("0", cursor -> {
            int offset = Integer.parseInt(cursor);
            MaterialPage page = list(type, offset, PAGE_LIMIT);
            int next = offset + page.items().size();
            return new Pages.Page<>(page.items(), next >= page.totalCount() ? null : Integer.toString(next));
        });
    }

    /**
     * The articles of a news material.
     *
     * @param mediaId the media id
     * @return the articles
     */
    public List<NewsArticle> getNews(String mediaId) {
        List<NewsArticle> out = new ArrayList<>();
        for (JsonNode a : x.json(getCall(mediaId)).path("news_item")) {
            out.add(x.convert(a, NewsArticle.class));
        }
        return out;
    }

    /**
     * A video material's title, description and download URL.
     *
     * @param mediaId the media id
     * @return the video
     */
    public VideoMaterial getVideo(String mediaId) {
        return x.convert(x.json(getCall(mediaId)), VideoMaterial.class);
    }

    /**
     * Streams an image or voice material with its content type. Close the result.
     *
     * @param mediaId the media id
     * @return the body
     * @throws WeChatException when the material is news or video (use {@link #getNews}, {@link #getVideo})
     */
    public MediaDownload download(String mediaId) {
        ApiExecutor.Outcome o = x.stream(getCall(mediaId));
        if (o.media == null) {
            throw new WeChatException("material " + mediaId + " is not a file; it is news or video");
        }
        return o.media;
    }

    private static ApiExecutor.Call getCall(String mediaId) {
        return ApiExecutor.post("/cgi-bin/material/get_material", Map.of("media_id", mediaId));
    }

    /**
     * Adds a permanent image, voice or thumbnail.
     *
     * @param type the kind (not video or news)
     * @param fileName the file name, with an extension WeChat accepts
     * @param content the bytes
     * @return the new material
     */
    public AddedMaterial add(MaterialType type, String fileName, byte[] content) {
        if (type == MaterialType.VIDEO || type == MaterialType.NEWS) {
            throw new IllegalArgumentException("use addVideo for videos and drafts for news");
        }
        return added(upload(x, "/cgi-bin/material/add_material", type, fileName, content, null));
    }

    /**
     * Adds a permanent video.
     *
     * @param fileName the file name
     * @param content the bytes
     * @param title the title
     * @param introduction the description
     * @return the new material
     */
    public AddedMaterial addVideo(String fileName, byte[] content, String title, String introduction) {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("title", Objects.requireNonNull(title, "title"));
        description.put("introduction", Objects.requireNonNull(introduction, "introduction"));
        String json = new String(ApiExecutor.toJson(description), java.nio.charset.StandardCharsets.UTF_8);
        return added(upload(x, "/cgi-bin/material/add_material", MaterialType.VIDEO, fileName, content, json));
    }

    private static AddedMaterial added(JsonNode json) {
        return new AddedMaterial(json.path("media_id").asText(""), json.path("url").asText(""));
    }

    /**
     * Deletes a permanent material.
     *
     * @param mediaId the media id
     */
    public void delete(String mediaId) {
        x.json(ApiExecutor.post("/cgi-bin/material/del_material", Map.of("media_id", mediaId)));
    }

    /**
     * Uploads an image for use inside an article body (it does not count against the material quota).
     *
     * @param fileName the file name (jpg or png, under 1 MB)
     * @param content the bytes
     * @return the image URL
     */
    public String uploadArticleImage(String fileName, byte[] content) {
        return upload(x, "/cgi-bin/media/uploadimg", null, fileName, content, null).path("url").asText("");
    }

    static JsonNode upload(ApiExecutor x, String path, MaterialType type, String fileName, byte[] content,
            String description) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("media", fileName, RequestBody.create(content, contentType(fileName)));
        if (description != null) {
            form.addFormDataPart("description", description);
        }
        Map<String, String> q = new LinkedHashMap<>();
        if (type != null) {
            q.put("type", type.wireName());
        }
        if (description != null) {
            // WeChat documents a form field; some gateways only read the query, so both carry it
            q.put("description", description);
        }
        return x.json(new ApiExecutor.Call("POST", path, q, form.build(),
                "<multipart " + fileName + ", " + content.length + " bytes>"));
    }

    private static MediaType contentType(String fileName) {
        String f = fileName.toLowerCase(java.util.Locale.ROOT);
        String type;
        if (f.endsWith(".jpg") || f.endsWith(".jpeg")) {
            type = "image/jpeg";
        } else if (f.endsWith(".png")) {
            type = "image/png";
        } else if (f.endsWith(".gif")) {
            type = "image/gif";
        } else if (f.endsWith(".mp3")) {
            type = "audio/mpeg";
        } else if (f.endsWith(".amr")) {
            type = "audio/amr";
        } else if (f.endsWith(".mp4")) {
            type = "video/mp4";
        } else {
            type = "application/octet-stream";
        }
        return MediaType.get(type);
    }
}
