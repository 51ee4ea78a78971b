package org.wechatmp.core.crypto;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A callback request made by {@link CallbackSigner}, as the WeChat server would send it.
 *
 * @param query the query parameters ({@code signature}, {@code timestamp}, {@code nonce}, {@code openid}, and for
 *     encrypted requests {@code encrypt_type} and {@code msg_signature}; {@code echostr} for a handshake)
 * @param body the POST body, or an empty string for a GET handshake
 */
public record SignedCallback(Map<String, String> query, String body) {
    /**
     * Copies the query into an unmodifiable map.
     *
     * @param query the parameters
     * @param body the body
     */
    public SignedCallback {
        query = Map.copyOf(query);
        body = body == null ? "" : body;
    }

    /**
     * The query as a URL-encoded string without the leading {@code ?}.
     *
     * @return the query string
     */
    public String queryString() {
        StringJoiner j = new StringJoiner("&");
        query.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> j.add(
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)));
        return j.toString();
    }
}
