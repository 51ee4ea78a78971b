package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * The double's permanent materials, drafts and published articles, kept in memory and shared by
 * {@link MaterialAnswers} and {@link DraftAnswers}; seeded with the shipped demo materials (two images, a voice, a
 * video and a news item). Every method is synchronized: WireMock serves requests on several threads.
 */
final class MaterialState {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A real 16×16 PNG, served for every image material and uploaded article image. */
    static final byte[] PNG = png();
    /** A few bytes standing in for a voice clip (an ID3 header). */
    static final byte[] MP3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};

    /** One material: type, file name, update time, and for videos the title and introduction. */
    record Material(String mediaId, String type, String name, long updateTime, String title, String introduction,
            JsonNode articles) {
    }

    /** A publish job: the draft, its status (1 publishing, 0 done, 3 failed) and the article id once done. */
    record PublishJob(String publishId, String draftId, int status, String articleId) {
    }

    private final Map<String, Material> materials = new LinkedHashMap<>();
    private final Map<String, ObjectNode> drafts = new LinkedHashMap<>();
    private final Map<String, Long> draftTimes = new LinkedHashMap<>();
    private final Map<String, PublishJob> jobs = new LinkedHashMap<>();
    private final Map<String, ArrayNode> published = new LinkedHashMap<>();
    private final Map<String, Integer> failNext = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);

    MaterialState() {
        put(new Material("DEMO_IMAGE_1", "image", "cover.jpg", 1700000000, null, null, null));
        put(new Material("DEMO_IMAGE_2", "image", "logo.png", 1700000100, null, null, null));
        put(new Material("DEMO_VOICE_1", "voice", "hello.mp3", 1700000200, null, null, null));
        put(new Material("DEMO_VIDEO_1", "video", "intro.mp4", 1700000300, "Intro", "What wechatmp is", null));
        ArrayNode news = JSON.createArrayNode();
        news.addObject().put("title", "wechatmp").put("thumb_media_id", "DEMO_THUMB").put("show_cover_pic", 1)
                .put("author", "demo").put("digest", "A Java framework for WeChat official accounts")
                .put("content", "<p>hello</p>").put("url", "https://example.com/news/1")
                .put("content_source_url", "");
        put(new Material("DEMO_NEWS", "news", "", 1700000000, null, null, news));
        // published before the double started: what menus' article buttons and news replies pick from
        published("Dq7v0P1xDemoArticle0002", "How to order", "", "https://mp.weixin.qq.com/s/demo2", "");
        published("Dq7v0P1xDemoArticle0001", "本周新品", "新品上架", "https://mp.weixin.qq.com/s/demo1", "");
        published("ARTICLE_ID_DEMO_PUBLISHED", "门店搬迁公告", "下周一起，新店地址见正文。",
                "http://mp.weixin.qq.com/s?__biz=MzDemo==&mid=2650000009&idx=1&sn=cccc#rd",
                "http://mmbiz.qpic.cn/mmbiz_jpg/demo-cover-published/0");
    }

    private void published(String articleId, String title, String digest, String url, String thumbUrl) {
        ArrayNode items = JSON.createArrayNode();
        items.addObject().put("title", title).put("author", "demo").put("digest", digest)
                .put("content", "<p>" + title + "</p>").put("content_source_url", "")
                .put("thumb_media_id", thumbUrl.isEmpty() ? "" : "demo-thumb-published").put("show_cover_pic", 1)
                .put("need_open_comment", 0).put("only_fans_can_comment", 0).put("url", url)
                .put("thumb_url", thumbUrl).put("is_deleted", false);
        published.put(articleId, items);
    }

    private static byte[] png() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                img.setRGB(x, y, (x / 4 + y / 4) % 2 == 0 ? new Color(7, 193, 96).getRGB() : Color.WHITE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    synchronized void put(Material m) {
        materials.put(m.mediaId(), m);
    }

    synchronized Material material(String mediaId) {
        return materials.get(mediaId);
    }

    synchronized boolean remove(String mediaId) {
        return materials.remove(mediaId) != null;
    }

    synchronized List<Material> ofType(String type) {
        return materials.values().stream().filter(m -> m.type().equals(type)).toList();
    }

    String newId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    long now() {
        return System.currentTimeMillis() / 1000;
    }

    synchronized void putDraft(String mediaId, ObjectNode draft) {
        drafts.put(mediaId, draft);
        draftTimes.put(mediaId, now());
    }

    synchronized ObjectNode draft(String mediaId) {
        return drafts.get(mediaId);
    }

    synchronized boolean removeDraft(String mediaId) {
        draftTimes.remove(mediaId);
        return drafts.remove(mediaId) != null;
    }

    synchronized List<Map.Entry<String, ObjectNode>> drafts() {
        List<Map.Entry<String, ObjectNode>> out = new ArrayList<>(drafts.entrySet());
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized long draftTime(String mediaId) {
        return draftTimes.getOrDefault(mediaId, 0L);
    }

    synchronized PublishJob submit(String draftId) {
        PublishJob job = new PublishJob(Long.toString(ids.incrementAndGet() + 2_247_483_000L), draftId, 1, null);
        jobs.put(job.publishId(), job);
        return job;
    }

    synchronized PublishJob job(String publishId) {
        return jobs.get(publishId);
    }

    synchronized List<String> publishIds() {
        return List.copyOf(jobs.keySet());
    }

    /** Ends a publish job: on success the draft's articles become a published item with URLs on the double. */
    synchronized PublishJob finish(String publishId, boolean ok, String base) {
        PublishJob job = jobs.get(publishId);
        if (job == null) {
            throw new IllegalArgumentException("no publish job " + publishId);
        }
        if (!ok) {
            job = new PublishJob(publishId, job.draftId(), 3, null);
        } else {
            String articleId = newId("ARTICLE_");
            ObjectNode draft = drafts.get(job.draftId());
            ArrayNode items = draft == null ? JSON.createArrayNode() : draft.path("news_item").deepCopy();
            int idx = 1;
            for (JsonNode a : items) {
                ((ObjectNode) a).put("url", base + "/s/" + articleId + "/" + idx++).put("is_deleted", false);
            }
            published.put(articleId, items);
            job = new PublishJob(publishId, job.draftId(), 0, articleId);
        }
        jobs.put(publishId, job);
        return job;
    }

    synchronized ArrayNode published(String articleId) {
        return published.get(articleId);
    }

    /**
     * Deletes a published article as {@code freepublish/delete} does: index 0 the whole article, 1.. one item of it.
     *
     * @return whether the article (and the item) existed
     */
    synchronized boolean deletePublished(String articleId, int index) {
        ArrayNode items = published.get(articleId);
        if (items == null || index < 0 || index > items.size()) {
            return false;
        }
        if (index == 0 || items.size() == 1) {
            published.remove(articleId);
        } else {
            items.remove(index - 1);
        }
        return true;
    }

    synchronized List<Map.Entry<String, ArrayNode>> published() {
        List<Map.Entry<String, ArrayNode>> out = new ArrayList<>(published.entrySet());
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized void failNext(String path, int errcode) {
        failNext.put(path, errcode);
    }

    synchronized Integer takeFailure(String path) {
        return failNext.remove(path);
    }
}
