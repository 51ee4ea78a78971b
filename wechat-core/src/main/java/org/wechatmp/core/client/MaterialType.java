package org.wechatmp.core.client;

import java.util.Locale;

/** The kinds of permanent material and temporary media. */
public enum MaterialType {
    /** An image. */
    IMAGE,
    /** A voice clip. */
    VOICE,
    /** A video. */
    VIDEO,
    /** A thumbnail (temporary media only). */
    THUMB,
    /** A news (articles) material. */
    NEWS;

    /**
     * The name WeChat uses, e.g. {@code image}.
     *
     * @return the wire name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
