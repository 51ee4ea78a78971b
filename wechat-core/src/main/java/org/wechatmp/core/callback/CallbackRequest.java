package org.wechatmp.core.callback;

import java.util.Map;
import java.util.Objects;

/**
 * A callback as an adapter received it, before any check.
 *
 * @param account the account name from the URL
 * @param method {@code GET} (handshake) or {@code POST} (a message)
 * @param query the query parameters (first value of each)
 * @param body the raw body (empty for GET)
 * @param clientAddress the caller's address, for logs
 */
public record CallbackRequest(String account, String method, Map<String, String> query, byte[] body,
        String clientAddress) {
    /**
     * Copies and defaults.
     *
     * @param account the account name from the URL
     * @param method {@code GET} (handshake) or {@code POST} (a message)
     * @param query the query parameters (first value of each)
     * @param body the raw body (empty for GET)
     * @param clientAddress the caller's address, for logs
     */
    public CallbackRequest {
        Objects.requireNonNull(method, "method");
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        clientAddress = clientAddress == null ? "" : clientAddress;
    }
}
