package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.AddedMaterial;
import org.wechatmp.core.client.DraftArticle;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.MaterialType;
import org.wechatmp.core.client.MediaDownload;
import org.wechatmp.core.client.WeChatClient;

/** The double's materials, drafts and free publishing are stateful and answer WeChat's errors. */
class WeChatDoubleMaterialsTest {
    static WeChatDouble dbl;
    static WeChatClient client;

    @BeforeAll
    static void start() {
        dbl = WeChatDouble.start(0);
        client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(dbl.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
    }

    @AfterAll
    static void stop() {
        dbl.close();
    }

    @Test
    void uploadListDownloadAndDeleteAnImage() throws Exception {
        int before = client.materials().count().imageCount();
        AddedMaterial added = client.materials().add(MaterialType.IMAGE, "a.png", MaterialState.PNG);
        assertThat(added.url()).startsWith(dbl.baseUrl() + "/mmbiz-double/");
        assertThat(client.materials().count().imageCount()).isEqualTo(before + 1);
        assertThat(client.materials().list(MaterialType.IMAGE, 0, 20).items()).extracting(i -> i.mediaId())
                .contains(added.mediaId());
        try (MediaDownload d = client.materials().download(added.mediaId())) {
            assertThat(d.contentType()).startsWith("image/png");
            assertThat(d.body().readAllBytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        client.materials().delete(added.mediaId());
        assertThat(dbl.requestBodies("/cgi-bin/material/del_material")).last().asString()
                .contains(added.mediaId());
        assertThatThrownBy(() -> client.materials().delete(added.mediaId())).isInstanceOf(WeChatApiException.class)
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40007);
        assertThatThrownBy(() -> client.materials().add(MaterialType.THUMB, "t.jpg", new byte[70_000]))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40009);
        AddedMaterial video = client.materials().addVideo("v.mp4", new byte[] {1, 2, 3}, "T", "I");
        assertThat(client.materials().getVideo(video.mediaId()).title()).isEqualTo("T");
        assertThatThrownBy(() -> client.post("/cgi-bin/material/add_news", Map.of("articles", List.of())))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(45106);
        assertThat(client.materials().uploadArticleImage("x.png", MaterialState.PNG))
                .startsWith(dbl.baseUrl() + "/mmbiz-double/img/");
    }

    @Test
    void draftsArePublishedAndListed() {
        DraftArticle bad = new DraftArticle("t", "a", "d", "<p>x</p>", null, "NO_SUCH", 0, 0);
        assertThatThrownBy(() -> client.drafts().add(List.of(bad)))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40007);
        String id = client.drafts().add(List.of(new DraftArticle("Title", "me", "d", "<p>x</p>", null,
                "DEMO_IMAGE_1", 1, 0)));
        assertThat(client.drafts().get(id).get(0).title()).isEqualTo("Title");
        client.drafts().update(id, 0, new DraftArticle("New", "me", "d", "<p>y</p>", null, "DEMO_IMAGE_2", 0, 0));
        assertThat(client.drafts().list(0, 20, false).path("item").get(0).path("content").path("news_item").get(0)
                .path("title").asText()).isEqualTo("New");
        String publishId = client.freePublish().submit(id);
        assertThat(client.freePublish().status(publishId).path("publish_status").asInt()).isEqualTo(1);
        String articleId = dbl.finishPublish(publishId, true);
        JsonNode done = client.freePublish().status(publishId);
        assertThat(done.path("publish_status").asInt()).isZero();
        assertThat(done.path("article_id").asText()).isEqualTo(articleId);
        assertThat(client.freePublish().list(0, 20, false).path("item").get(0).path("article_id").asText())
                .isEqualTo(articleId);
        client.drafts().delete(id);
        assertThatThrownBy(() -> client.freePublish().submit(id))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40007);
    }
}
