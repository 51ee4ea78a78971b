package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wechatmp.core.WeChatException;

/**
 * Mass sending (群发): to every follower, to a tag, to a list of openids; a preview to one follower; the status, the
 * deletion and the speed of sends. A {@code clientmsgid} makes a send idempotent for 24 hours: a repeat answers
 * 45065, which is returned as {@link MassSendResult#duplicate()} with the earlier send's id rather than thrown.
 * {@link #clientMsgId(String, MassMessage)} derives a stable one.
 */
public final class MassSendApi {
    /** WeChat's limit of openids per {@code mass/send} call. */
    public static final int OPENIDS_PER_CALL = 10_000;
    /** The errcode of a repeated {@code clientmsgid}. */
    public static final int DUPLICATE_CLIENT_MSG_ID = 45065;

    private final ApiExecutor x;

    MassSendApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * A stable {@code clientmsgid} for a campaign and its content: the same campaign and message always give the same
     * id (40 hex characters, within WeChat's 64 bytes), so a retried send is refused by WeChat instead of repeated.
     *
     * @param campaign the caller's key for this send, e.g. {@code "newsletter-2026-11-30"}
     * @param message the content
     * @return the id
     */
    public static String clientMsgId(String campaign, MassMessage message) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(campaign.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(ApiExecutor.toJson(body(message, null)));
            return HexFormat.of().formatHex(d.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new WeChatException("SHA-256 unavailable", e);
        }
    }

    /**
     * Sends to every follower.
     *
     * @param message the content
     * @param clientMsgId the idempotence key, or {@code null}
     * @return the result
     */
    public MassSendResult sendToAll(MassMessage message, String clientMsgId) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("is_to_all", true);
        return sendAll(message, filter, clientMsgId);
    }

    /**
     * Sends to the followers carrying a tag.
     *
     * @param tagId the tag id
     * @param message the content
     * @param clientMsgId the idempotence key, or {@code null}
     * @return the result
     */
    public MassSendResult sendToTag(int tagId, MassMessage message, String clientMsgId) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("tag_id", tagId);
        filter.put("is_to_all", false);
        return sendAll(message, filter, clientMsgId);
    }

    private MassSendResult sendAll(MassMessage message, Map<String, Object> filter, String clientMsgId) {
        Map<String, Object> body = body(message, clientMsgId);
        body.put("filter", filter);
        return result(x.json(ApiExecutor.post("/cgi-bin/message/mass/sendall", body)
                .accept(DUPLICATE_CLIENT_MSG_ID)));
    }

    /**
     * Sends to openids, {@value #OPENIDS_PER_CALL} per call (WeChat wants at least 2 per call). With a
     * {@code clientMsgId}, the calls after the first use it suffixed with {@code -2}, {@code -3}...
     *
     * @param openids the followers
     * @param message the content
     * @param clientMsgId the idempotence key, or {@code null}
     * @return one result per call
     */
    public List<MassSendResult> sendToUsers(List<String> openids, MassMessage message, String clientMsgId) {
        List<MassSendResult> out = new ArrayList<>();
        List<List<String>> chunks = Pages.chunks(new ArrayList<>(openids), OPENIDS_PER_CALL);
        for (int i = 0; i < chunks.size(); i++) {
            String id = clientMsgId == null || i == 0 ? clientMsgId : clientMsgId + "-" + (i + 1);
            Map<String, Object> body = body(message, id);
            body.put("touser", chunks.get(i));
            out.add(result(x.json(ApiExecutor.post("/cgi-bin/message/mass/send", body)
                    .accept(DUPLICATE_CLIENT_MSG_ID))));
        }
        return out;
    }

    /**
     * Sends a preview to one follower (by openid).
     *
     * @param openid the follower
     * @param message the content
     */
    public void preview(String openid, MassMessage message) {
        Map<String, Object> body = body(message, null);
        body.put("touser", openid);
        x.json(ApiExecutor.post("/cgi-bin/message/mass/preview", body));
    }

    /**
     * Sends a preview to one follower by WeChat ID.
     *
     * @param wxname the WeChat ID
     * @param message the content
     */
    public void previewToWxName(String wxname, MassMessage message) {
        Map<String, Object> body = body(message, null);
        body.put("towxname", wxname);
        x.json(ApiExecutor.post("/cgi-bin/message/mass/preview", body));
    }

    /**
     * The state of a send.
     *
     * @param msgId the mass message id
     * @return the state
     */
    public MassSendStatus status(long msgId) {
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/message/mass/get", Map.of("msg_id", msgId)));
        return new MassSendStatus(json.path("msg_id").asLong(msgId), json.path("msg_status").asText(""));
    }

    /**
     * Deletes a sent mass message (only articles and videos can be deleted, within the time WeChat allows).
     *
     * @param msgId the mass message id
     */
    public void delete(long msgId) {
        x.json(ApiExecutor.post("/cgi-bin/message/mass/delete", Map.of("msg_id", msgId)));
    }

    /**
     * Deletes one article of a sent mass message.
     *
     * @param msgId the mass message id
     * @param articleIdx the article, from 1; 0 deletes all
     */
    public void delete(long msgId, int articleIdx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg_id", msgId);
        body.put("article_idx", articleIdx);
        x.json(ApiExecutor.post("/cgi-bin/message/mass/delete", body));
    }

    /**
     * The send speed.
     *
     * @return the speed
     */
    public MassSendSpeed speed() {
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/message/mass/speed/get", Map.of()));
        return new MassSendSpeed(json.path("speed").asInt(), json.path("realspeed").asInt());
    }

    /**
     * Sets the send speed.
     *
     * @param speed 0 (fastest) to 4
     */
    public void setSpeed(int speed) {
        x.json(ApiExecutor.post("/cgi-bin/message/mass/speed/set", Map.of("speed", speed)));
    }

    private static Map<String, Object> body(MassMessage message, String clientMsgId) {
        Objects.requireNonNull(message, "message");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", message.msgtype());
        body.put("send_ignore_reprint", message.sendIgnoreReprint());
        if (clientMsgId != null) {
            body.put("clientmsgid", clientMsgId);
        }
        body.put(message.msgtype(), message.content());
        return body;
    }

    private static MassSendResult result(JsonNode json) {
        boolean duplicate = json.path("errcode").asInt(0) == DUPLICATE_CLIENT_MSG_ID;
        return new MassSendResult(json.path("msg_id").asLong(), json.path("msg_data_id").asLong(), duplicate);
    }

    /**
     * Turns an uploaded video into the media id a mass {@code mpvideo} needs ({@code media/uploadvideo}).
     *
     * @param mediaId the video's media id
     * @param title the title
     * @param description the description
     * @return the media id to put in {@link MassMessage#video}
     */
    public String prepareVideo(String mediaId, String title, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("media_id", mediaId);
        body.put("title", title);
        body.put("description", description);
        return x.json(ApiExecutor.post("/cgi-bin/media/uploadvideo", body)).path("media_id").asText("");
    }

    /**
     * Uploads a news message for mass sending ({@code media/uploadnews}); drafts and publishing are the current way
     * to make articles, this remains for mass-sent news.
     *
     * @param articles the articles, 1 to 8
     * @return the media id to put in {@link MassMessage#mpNews}
     */
    public String uploadNews(List<MassNewsArticle> articles) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MassNewsArticle a : articles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("thumb_media_id", a.thumbMediaId());
            m.put("title", a.title());
            m.put("content", a.content());
            if (a.author() != null) {
                m.put("author", a.author());
            }
            if (a.digest() != null) {
                m.put("digest", a.digest());
            }
            if (a.contentSourceUrl() != null) {
                m.put("content_source_url", a.contentSourceUrl());
            }
            m.put("show_cover_pic", a.showCoverPic());
            list.add(m);
        }
        return x.json(ApiExecutor.post("/cgi-bin/media/uploadnews", Map.of("articles", list))).path("media_id")
                .asText("");
    }
}
