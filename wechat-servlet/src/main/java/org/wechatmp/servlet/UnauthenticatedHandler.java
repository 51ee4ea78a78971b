package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the OAuth filter does for a request that needs a user and has none, instead of redirecting to WeChat, e.g.
 * a page explaining that it must be opened in WeChat. Also called when authorization failed.
 */
@FunctionalInterface
public interface UnauthenticatedHandler {
    /**
     * Answers the request.
     *
     * @param request the request
     * @param response the response
     * @param authorizeUrl where the filter would have redirected
     * @throws IOException when writing fails
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String authorizeUrl) throws IOException;
}
