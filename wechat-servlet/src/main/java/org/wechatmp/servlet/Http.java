package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wechatmp.core.callback.CallbackResponse;

/** Small HTTP helpers shared by the servlets. */
final class Http {
    private Http() {
    }

    /** The query parameters from the raw query string (first value wins); the body is never touched. */
    static Map<String, String> query(HttpServletRequest req) {
        Map<String, String> out = new LinkedHashMap<>();
        String qs = req.getQueryString();
        if (qs == null || qs.isEmpty()) {
            return out;
        }
        for (String pair : qs.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: skip the pair, the checks downstream report what is missing
            }
        }
        return out;
    }

    /** The first path segment after the servlet path ({@code /demo} or {@code /demo/} gives {@code demo}). */
    static String segment(HttpServletRequest req, int index) {
        String info = req.getPathInfo();
        if (info == null) {
            return null;
        }
        String[] parts = info.split("/");
        int seen = -1;
        for (String p : parts) {
            if (!p.isEmpty() && ++seen == index) {
                return p;
            }
        }
        return null;
    }

    /** Writes a pipeline response, then runs its after-response work (even when the client has gone). */
    static void write(HttpServletResponse resp, CallbackResponse r) throws IOException {
        try {
            byte[] bytes = r.bodyBytes();
            resp.setStatus(r.status());
            resp.setContentType(r.contentType());
            resp.setContentLength(bytes.length);
            OutputStream out = resp.getOutputStream();
            out.write(bytes);
            out.flush();
            resp.flushBuffer();
        } finally {
            r.afterResponse();
        }
    }

    static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The absolute URL of this request, without its query. */
    static String baseUrl(HttpServletRequest req) {
        StringBuilder b = new StringBuilder().append(req.getScheme()).append("://").append(req.getServerName());
        int port = req.getServerPort();
        if (!(("http".equals(req.getScheme()) && port == 80) || ("https".equals(req.getScheme()) && port == 443))) {
            b.append(':').append(port);
        }
        return b.toString();
    }

    /** The path and query of this request. */
    static String pathAndQuery(HttpServletRequest req) {
        String qs = req.getQueryString();
        return req.getRequestURI() + (qs == null ? "" : "?" + qs);
    }
}
