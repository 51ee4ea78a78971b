package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.wechatmp.core.WeChatException;

/**
 * Temporary media: upload and streamed download.
 */
public final class MediaApi {
    private final ApiExecutor x;

    MediaApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Uploads temporary media.
     *
     * @param type image, voice, video or thumb
     * @param fileName the file name
     * @param content the bytes
     * @return the upload
     */
    public MediaUpload upload(MaterialType type, String fileName, byte[] content) {
        JsonNode json = MaterialsApi.upload(x, "/cgi-bin/media/upload", type, fileName, content, null);
        return new MediaUpload(json.path("type").asText(type.wireName()), json.path("media_id").asText(""),
                json.path("created_at").asLong(0));
    }

    /**
     * Streams temporary media with its content type. Close the result.
     *
     * @param mediaId the media id
     * @return the body
     * @throws WeChatException for a video, which WeChat answers with a URL (see {@link #videoUrl})
     */
    public MediaDownload download(String mediaId) {
        ApiExecutor.Outcome o = x.stream(ApiExecutor.get("/cgi-bin/media/get", Map.of("media_id", mediaId)));
        if (o.media == null) {
            throw new WeChatException("media " + mediaId + " is a video; use videoUrl");
        }
        return o.media;
    }

    /**
     * The download URL of a temporary video.
     *
     * @param mediaId the media id
     * @return the URL
     */
    public String videoUrl(String mediaId) {
        return x.json(ApiExecutor.get("/cgi-bin/media/get", Map.of("media_id", mediaId))).path("video_url").asText();
    }
}
