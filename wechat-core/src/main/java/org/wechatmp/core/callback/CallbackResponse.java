package org.wechatmp.core.callback;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What to answer a callback with. After writing it, adapters call {@link #afterResponse()}: that is when extra
 * reply-all messages go out through customer service, so they reach the user after the passive reply. If an adapter
 * never calls it, the work runs by itself a moment later.
 */
public final class CallbackResponse {
    private final int status;
    private final String contentType;
    private final String body;
    private final AtomicReference<Runnable> after;

    CallbackResponse(int status, String contentType, String body, Runnable after) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.after = new AtomicReference<>(after);
    }

    static CallbackResponse text(int status, String body) {
        return new CallbackResponse(status, "text/plain; charset=utf-8", body, null);
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The content type, with charset.
     *
     * @return the content type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The body.
     *
     * @return the body
     */
    public String body() {
        return body;
    }

    /**
     * The body as UTF-8 bytes.
     *
     * @return the bytes
     */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs the work that must follow the response (at most once).
     */
    public void afterResponse() {
        Runnable r = after.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public String toString() {
        return "CallbackResponse[" + status + ", " + contentType + ", " + body.length() + " chars]";
    }
}
