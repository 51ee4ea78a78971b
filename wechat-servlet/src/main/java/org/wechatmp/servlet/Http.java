package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.wechatmp.core.callback.CallbackResponse;

/** Small HTTP helpers shared by the servlets. */
final class Http {
    private Http() {
    }

    /**
     * The query parameters from the raw query string (first value wins); the body is never touched. The string is
     * scanned once with {@code indexOf}; a name or value is URL-decoded only when it holds a {@code %} or {@code +}
     * (WeChat's signature, timestamp, nonce and openid never do). A pair with a malformed escape is skipped: the
     * checks downstream report what is missing. The map is immutable, so the pipeline does not copy it again.
     */
    static Map<String, String> query(HttpServletRequest req) {
        return query(req.getQueryString());
    }

    /** The parameters of a raw query string, as {@link #query(HttpServletRequest)}. */
    static Map<String, String> query(String qs) {
        if (qs == null || qs.isEmpty()) {
            return Map.of();
        }
        String[] keys = new String[8];
        String[] values = new String[8];
        int n = 0;
        Map<String, String> many = null; // past 8 distinct names, a hash map finds repeats
        int len = qs.length();
        int from = 0;
        while (from <= len) {
            int amp = qs.indexOf('&', from);
            int to = amp < 0 ? len : amp;
            if (to > from) {
                int eq = qs.indexOf('=', from);
                if (eq < 0 || eq > to) {
                    eq = to;
                }
                String k = decode(qs, from, eq);
                String v = eq < to ? decode(qs, eq + 1, to) : "";
                if (k != null && v != null) {
                    if (many != null) {
                        many.putIfAbsent(k, v);
                    } else if (indexOf(keys, n, k) < 0) {
                        if (n == keys.length) {
                            many = new HashMap<>();
                            for (int i = 0; i < n; i++) {
                                many.put(keys[i], values[i]);
                            }
                            many.put(k, v);
                        } else {
                            keys[n] = k;
                            values[n++] = v;
                        }
                    }
                }
            }
            from = to + 1;
        }
        if (many != null) {
            return Map.copyOf(many);
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = new Map.Entry[n];
        for (int i = 0; i < n; i++) {
            entries[i] = Map.entry(keys[i], values[i]);
        }
        return Map.ofEntries(entries);
    }

    private static int indexOf(String[] keys, int n, String k) {
        for (int i = 0; i < n; i++) {
            if (keys[i].equals(k)) {
                return i;
            }
        }
        return -1;
    }

    /** A part of the query, URL-decoded when it needs it; {@code null} for a malformed escape. */
    private static String decode(String qs, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = qs.charAt(i);
            if (c == '%' || c == '+') {
                try {
                    return URLDecoder.decode(qs.substring(from, to), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return qs.substring(from, to);
    }

    /**
     * The index-th non-empty path segment after the servlet path ({@code /demo} or {@code /demo/} gives {@code demo}
     * at index 0), found with {@code indexOf}.
     */
    static String segment(HttpServletRequest req, int index) {
        return segment(req.getPathInfo(), index);
    }

    /** The index-th non-empty segment of a path info, as {@link #segment(HttpServletRequest, int)}. */
    static String segment(String info, int index) {
        if (info == null) {
            return null;
        }
        int seen = -1;
        int from = 0;
        int len = info.length();
        while (from < len) {
            int slash = info.indexOf('/', from);
            int to = slash < 0 ? len : slash;
            if (to > from && ++seen == index) {
                return info.substring(from, to);
            }
            from = to + 1;
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

    /** The path and query of this request. */
    static String pathAndQuery(HttpServletRequest req) {
        String qs = req.getQueryString();
        return req.getRequestURI() + (qs == null ? "" : "?" + qs);
    }
}
