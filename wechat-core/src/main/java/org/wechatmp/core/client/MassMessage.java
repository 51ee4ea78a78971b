package org.wechatmp.core.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a mass message (群发): text, image, voice, video ({@code mpvideo}), an article ({@code mpnews}) or a
 * card ({@code wxcard}). Build one with the static factories.
 *
 * @param msgtype WeChat's message type
 * @param content the content object sent under {@code msgtype}
 * @param sendIgnoreReprint for {@code mpnews}: 1 to send even when WeChat judges the article a reprint
 */
public record MassMessage(String msgtype, Map<String, Object> content, int sendIgnoreReprint) {
    /**
     * Checks and copies.
     *
     * @param msgtype WeChat's message type
     * @param content the content object sent under {@code msgtype}
     * @param sendIgnoreReprint for {@code mpnews}: 1 to send even when WeChat judges the article a reprint
     */
    public MassMessage {
        Objects.requireNonNull(msgtype, "msgtype");
        content = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /**
     * A text.
     *
     * @param text the text (links allowed)
     * @return the message
     */
    public static MassMessage text(String text) {
        return new MassMessage("text", Map.of("content", text), 0);
    }

    /**
     * An image.
     *
     * @param mediaId a permanent image material
     * @return the message
     */
    public static MassMessage image(String mediaId) {
        return new MassMessage("image", Map.of("media_id", mediaId), 0);
    }

    /**
     * A voice clip.
     *
     * @param mediaId a voice material
     * @return the message
     */
    public static MassMessage voice(String mediaId) {
        return new MassMessage("voice", Map.of("media_id", mediaId), 0);
    }

    /**
     * A video ({@code mpvideo}).
     *
     * @param mediaId a video material
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     * @return the message
     */
    public static MassMessage video(String mediaId, String title, String description) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("media_id", mediaId);
        if (title != null) {
            c.put("title", title);
        }
        if (description != null) {
            c.put("description", description);
        }
        return new MassMessage("mpvideo", c, 0);
    }

    /**
     * A published article or draft ({@code mpnews}); a reprint stops the send.
     *
     * @param mediaId the media id
     * @return the message
     */
    public static MassMessage mpNews(String mediaId) {
        return new MassMessage("mpnews", Map.of("media_id", mediaId), 0);
    }

    /**
     * A card.
     *
     * @param cardId the card id
     * @return the message
     */
    public static MassMessage card(String cardId) {
        return new MassMessage("wxcard", Map.of("card_id", cardId), 0);
    }

    /**
     * This message sent even when WeChat judges the article a reprint the original allows.
     *
     * @return a copy
     */
    public MassMessage ignoringReprint() {
        return new MassMessage(msgtype, content, 1);
    }
}
