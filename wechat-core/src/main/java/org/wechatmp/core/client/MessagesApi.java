package org.wechatmp.core.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.reply.Article;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.ImageReply;
import org.wechatmp.core.reply.MusicReply;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.reply.TransferCustomerServiceReply;
import org.wechatmp.core.reply.VideoReply;
import org.wechatmp.core.reply.VoiceReply;

/**
 * Customer-service messages ({@code /cgi-bin/message/custom/send}): sent to a user who interacted with the account in
 * the last 48 hours. Every method has a variant taking the customer-service account to send as.
 */
public final class MessagesApi {
    private final ApiExecutor x;

    MessagesApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Sends any customer-service message in WeChat's JSON shape.
     *
     * @param message {@code {"touser", "msgtype", ...}}
     */
    public void send(Map<String, ?> message) {
        x.json(ApiExecutor.post("/cgi-bin/message/custom/send", message));
    }

    private void send(String openid, String type, Object content, String kfAccount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("touser", openid);
        m.put("msgtype", type);
        m.put(type, content);
        if (kfAccount != null && !kfAccount.isEmpty()) {
            m.put("customservice", Map.of("kf_account", kfAccount));
        }
        send(m);
    }

    /**
     * Sends a text.
     *
     * @param openid the user
     * @param content the text
     */
    public void sendText(String openid, String content) {
        sendText(openid, content, null);
    }

    /**
     * Sends a text as a customer-service account.
     *
     * @param openid the user
     * @param content the text
     * @param kfAccount the agent account, or {@code null}
     */
    public void sendText(String openid, String content, String kfAccount) {
        send(openid, "text", Map.of("content", content), kfAccount);
    }

    /**
     * Sends an image.
     *
     * @param openid the user
     * @param mediaId the image's media id
     */
    public void sendImage(String openid, String mediaId) {
        send(openid, "image", Map.of("media_id", mediaId), null);
    }

    /**
     * Sends a voice clip.
     *
     * @param openid the user
     * @param mediaId the voice's media id
     */
    public void sendVoice(String openid, String mediaId) {
        send(openid, "voice", Map.of("media_id", mediaId), null);
    }

    /**
     * Sends a video.
     *
     * @param openid the user
     * @param mediaId the video's media id
     * @param thumbMediaId the thumbnail's media id, or {@code null}
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     */
    public void sendVideo(String openid, String mediaId, String thumbMediaId, String title, String description) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("media_id", mediaId);
        v.put("thumb_media_id", thumbMediaId);
        v.put("title", title);
        v.put("description", description);
        send(openid, "video", v, null);
    }

    /**
     * Sends music.
     *
     * @param openid the user
     * @param musicUrl the music URL
     * @param hqMusicUrl the high-quality URL
     * @param thumbMediaId the thumbnail's media id
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     */
    public void sendMusic(String openid, String musicUrl, String hqMusicUrl, String thumbMediaId, String title,
            String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("musicurl", musicUrl);
        m.put("hqmusicurl", hqMusicUrl);
        m.put("thumb_media_id", thumbMediaId);
        send(openid, "music", m, null);
    }

    /**
     * Sends one article as a link card (WeChat allows one article per customer-service news message).
     *
     * @param openid the user
     * @param article the article
     */
    public void sendNews(String openid, Article article) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("title", article.title());
        a.put("description", article.description());
        a.put("url", article.url());
        a.put("picurl", article.picUrl());
        send(openid, "news", Map.of("articles", List.of(a)), null);
    }

    /**
     * Sends a published article (mpnews) by media id.
     *
     * @param openid the user
     * @param mediaId the article's media id
     */
    public void sendMpNews(String openid, String mediaId) {
        send(openid, "mpnews", Map.of("media_id", mediaId), null);
    }

    /**
     * An option of a message menu.
     *
     * @param id the id sent back in the user's answer ({@code bizmsgmenuid})
     * @param content the option text
     */
    public record MenuOption(String id, String content) {
    }

    /**
     * Sends a message menu: the user taps an option and the account receives it as a text message.
     *
     * @param openid the user
     * @param headContent the text before the options
     * @param options the options
     * @param tailContent the text after the options
     */
    public void sendMsgMenu(String openid, String headContent, List<MenuOption> options, String tailContent) {
        List<Map<String, String>> list = new ArrayList<>();
        for (MenuOption o : options) {
            list.add(Map.of("id", o.id(), "content", o.content()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head_content", headContent);
        m.put("list", list);
        m.put("tail_content", tailContent);
        send(openid, "msgmenu", m, null);
    }

    /**
     * Sends a mini-program card.
     *
     * @param openid the user
     * @param title the title
     * @param appId the mini program's appid
     * @param pagePath the page path
     * @param thumbMediaId the cover's media id
     */
    public void sendMiniProgramPage(String openid, String title, String appId, String pagePath,
            String thumbMediaId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("appid", appId);
        m.put("pagepath", pagePath);
        m.put("thumb_media_id", thumbMediaId);
        send(openid, "miniprogrampage", m, null);
    }

    /**
     * Shows or hides "typing..." to the user.
     *
     * @param openid the user
     * @param typing {@code true} for Typing, {@code false} for CancelTyping
     */
    public void typing(String openid, boolean typing) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("touser", openid);
        body.put("command", typing ? "Typing" : "CancelTyping");
        x.json(ApiExecutor.post("/cgi-bin/message/custom/typing", body));
    }

    /**
     * Sends a passive {@link Reply} as a customer-service message: how replies go out after the passive answer
     * (reply-all, or a handler that missed WeChat's 5-second window). A news reply sends its first article; the
     * empty reply and a transfer to customer service send nothing.
     *
     * @param openid the user
     * @param reply the reply
     * @return whether a message was sent
     */
    public boolean send(String openid, Reply reply) {
        if (reply instanceof TextReply t) {
            sendText(openid, t.content());
        } else if (reply instanceof ImageReply i) {
            sendImage(openid, i.mediaId());
        } else if (reply instanceof VoiceReply v) {
            sendVoice(openid, v.mediaId());
        } else if (reply instanceof VideoReply v) {
            sendVideo(openid, v.mediaId(), null, v.title(), v.description());
        } else if (reply instanceof MusicReply m) {
            sendMusic(openid, m.musicUrl(), m.hqMusicUrl(), m.thumbMediaId(), m.title(), m.description());
        } else if (reply instanceof NewsReply n) {
            sendNews(openid, n.articles().get(0));
        } else if (reply instanceof EmptyReply || reply instanceof TransferCustomerServiceReply) {
            return false;
        }
        return true;
    }
}
