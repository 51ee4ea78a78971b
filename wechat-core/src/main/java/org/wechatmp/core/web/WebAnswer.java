package org.wechatmp.core.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete, short HTTP answer decided by the core; an adapter only writes it.
 *
 * @param status the HTTP status
 * @param contentType the content type
 * @param body the body
 */
public record WebAnswer(int status, String contentType, String body) {
    /** The content type of plain answers. */
    public static final String TEXT = "text/plain;charset=UTF-8";

    /**
     * Validates.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param body the body
     */
    public WebAnswer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A plain-text answer.
     *
     * @param status the status
     * @param body the text
     * @return the answer
     */
    public static WebAnswer text(int status, String body) {
        return new WebAnswer(status, TEXT, body);
    }

    /**
     * The body as UTF-8.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
