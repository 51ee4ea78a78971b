package org.wechatmp.core.web;

import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.MediaDownload;
import org.wechatmp.core.client.VideoMaterial;
import org.wechatmp.core.client.WeChatClient;

/**
 * What the material proxy answers for a permanent material: an image or voice file is streamed, a video is a
 * redirect to its download URL, news (not a file) and an unknown media id (errcode 40007) are 404. A token error
 * (40001, 40014, 42001) has already been retried once by the client with a fresh token; whatever still fails
 * upstream is 502 with an error id.
 */
public sealed interface MaterialFetch {
    /** WeChat's errcode for an unknown media id. */
    int INVALID_MEDIA_ID = 40007;

    /**
     * A file to stream; close it.
     *
     * @param media the body
     */
    record File(MediaDownload media) implements MaterialFetch {
    }

    /**
     * A redirect (302) to a video's download URL.
     *
     * @param url the URL
     */
    record Redirect(String url) implements MaterialFetch {
    }

    /**
     * A short answer: 404, or 502 with an error id.
     *
     * @param answer the answer
     */
    record Refused(WebAnswer answer) implements MaterialFetch {
    }

    /**
     * Fetches a material.
     *
     * @param client the account's client
     * @param account the account name (for the log)
     * @param mediaId the media id
     * @return what to answer
     */
    static MaterialFetch fetch(WeChatClient client, String account, String mediaId) {
        if (mediaId == null || !mediaId.matches("[A-Za-z0-9_\\-]{1,128}")) {
            return new Refused(WebAnswer.text(404, "material not found"));
        }
        String where = "material proxy " + account + "/" + mediaId;
        try {
            return new File(client.materials().download(mediaId));
        } catch (WeChatApiException e) {
            return refused(e, where);
        } catch (WeChatException notAFile) {
            // WeChat answered JSON: a video (title, description, down_url) or news
        } catch (RuntimeException e) {
            return new Refused(WebErrors.failure(502, "material unavailable", where, e));
        }
        try {
            VideoMaterial video = client.materials().getVideo(mediaId);
            String url = video.downUrl();
            if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
                return new Redirect(url);
            }
            return new Refused(WebAnswer.text(404, "material is not a file"));
        } catch (WeChatApiException e) {
            return refused(e, where);
        } catch (RuntimeException e) {
            return new Refused(WebErrors.failure(502, "material unavailable", where, e));
        }
    }

    private static Refused refused(WeChatApiException e, String where) {
        if (e.errcode() == INVALID_MEDIA_ID) {
            return new Refused(WebAnswer.text(404, "material not found"));
        }
        return new Refused(WebErrors.failure(502, "material unavailable", where, e));
    }
}
