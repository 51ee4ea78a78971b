package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the OAuth filter does for a request that needs a user and has none, instead of redirecting to WeChat, e.g.
 * a page explaining that it must be opened in WeChat. Also called when sign-in is refused with 403 (a stale, used
 * or foreign state, a declined or refused code), with a fresh authorize URL.
 */
@FunctionalInterface
public interface UnauthenticatedHandler {
    /**
     * Answers the request.
     *
     * @param request the request
     * @param response the response
     * @param authorizeUrl where the filter would have redirected, or empty when no URL can be made
     * @throws IOException when writing fails
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String authorizeUrl) throws IOException;
}
