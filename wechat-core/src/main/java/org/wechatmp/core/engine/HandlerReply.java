package org.wechatmp.core.engine;

import java.util.Objects;

/**
 * A reply configured on a {@link Handler}: what to answer, produced when the handler is chosen. Only the fields of
 * its type are used.
 *
 * @param type the kind of reply
 * @param content the text ({@code TEXT})
 * @param mediaId the media id ({@code IMAGE}, {@code VOICE}, {@code VIDEO}) or news material ({@code NEWS})
 * @param title the title ({@code VIDEO}, {@code MUSIC})
 * @param description the description ({@code VIDEO}, {@code MUSIC})
 * @param musicUrl the music URL ({@code MUSIC})
 * @param hqMusicUrl the high-quality music URL ({@code MUSIC})
 * @param thumbMediaId the thumbnail ({@code MUSIC})
 * @param url the target ({@code FORWARD})
 * @param name the registered function ({@code CUSTOM}) or the agent account ({@code TRANSFER})
 */
public record HandlerReply(Type type, String content, String mediaId, String title, String description,
        String musicUrl, String hqMusicUrl, String thumbMediaId, String url, String name) {

    /** The kinds of configured reply. */
    public enum Type {
        /** A text. */
        TEXT,
        /** An image by media id. */
        IMAGE,
        /** A voice clip by media id. */
        VOICE,
        /** A video by media id. */
        VIDEO,
        /** Music. */
        MUSIC,
        /** The articles of a stored news material. */
        NEWS,
        /** POST the message to a URL and answer with its reply. */
        FORWARD,
        /** A named Java function registered with the engine. */
        CUSTOM,
        /** Transfer to customer service. */
        TRANSFER
    }

    /**
     * Validates.
     *
     * @param type the kind of reply
     * @param content the text ({@code TEXT})
     * @param mediaId the media id ({@code IMAGE}, {@code VOICE}, {@code VIDEO}) or news material ({@code NEWS})
     * @param title the title ({@code VIDEO}, {@code MUSIC})
     * @param description the description ({@code VIDEO}, {@code MUSIC})
     * @param musicUrl the music URL ({@code MUSIC})
     * @param hqMusicUrl the high-quality music URL ({@code MUSIC})
     * @param thumbMediaId the thumbnail ({@code MUSIC})
     * @param url the target ({@code FORWARD})
     * @param name the registered function ({@code CUSTOM}) or the agent account ({@code TRANSFER})
     */
    public HandlerReply {
        Objects.requireNonNull(type, "type");
    }

    /**
     * A text reply.
     *
     * @param content the text
     * @return the reply
     */
    public static HandlerReply text(String content) {
        return new HandlerReply(Type.TEXT, Objects.requireNonNull(content), null, null, null, null, null, null, null,
                null);
    }

    /**
     * An image reply.
     *
     * @param mediaId the media id
     * @return the reply
     */
    public static HandlerReply image(String mediaId) {
        return new HandlerReply(Type.IMAGE, null, mediaId, null, null, null, null, null, null, null);
    }

    /**
     * A voice reply.
     *
     * @param mediaId the media id
     * @return the reply
     */
    public static HandlerReply voice(String mediaId) {
        return new HandlerReply(Type.VOICE, null, mediaId, null, null, null, null, null, null, null);
    }

    /**
     * A video reply.
     *
     * @param mediaId the media id
     * @param title the title, or {@code null}
     * @param description the description, or {@code null}
     * @return the reply
     */
    public static HandlerReply video(String mediaId, String title, String description) {
        return new HandlerReply(Type.VIDEO, null, mediaId, title, description, null, null, null, null, null);
    }

    /**
     * A music reply.
     *
     * @param title the title
     * @param description the description
     * @param musicUrl the URL
     * @param hqMusicUrl the high-quality URL
     * @param thumbMediaId the thumbnail's media id
     * @return the reply
     */
    public static HandlerReply music(String title, String description, String musicUrl, String hqMusicUrl,
            String thumbMediaId) {
        return new HandlerReply(Type.MUSIC, null, null, title, description, musicUrl, hqMusicUrl, thumbMediaId, null,
                null);
    }

    /**
     * A news reply built from the stored articles of a news material.
     *
     * @param mediaId the news material's media id
     * @return the reply
     */
    public static HandlerReply news(String mediaId) {
        return new HandlerReply(Type.NEWS, null, mediaId, null, null, null, null, null, null, null);
    }

    /**
     * Forwards the message to a URL and answers with its XML reply.
     *
     * @param url the URL
     * @return the reply
     */
    public static HandlerReply forward(String url) {
        return new HandlerReply(Type.FORWARD, null, null, null, null, null, null, null, Objects.requireNonNull(url),
                null);
    }

    /**
     * Answers with a named function registered with {@link ReplyEngine.Builder#customReply}.
     *
     * @param name the function's name
     * @return the reply
     */
    public static HandlerReply custom(String name) {
        return new HandlerReply(Type.CUSTOM, null, null, null, null, null, null, null, null,
                Objects.requireNonNull(name));
    }

    /**
     * Transfers to customer service.
     *
     * @param kfAccount the agent, or {@code null} for any
     * @return the reply
     */
    public static HandlerReply transfer(String kfAccount) {
        return new HandlerReply(Type.TRANSFER, null, null, null, null, null, null, null, null, kfAccount);
    }

    /** Whether producing this reply may do I/O or run user code (and so runs under the deadline). */
    boolean mayBlock() {
        return type == Type.NEWS || type == Type.FORWARD || type == Type.CUSTOM;
    }
}
