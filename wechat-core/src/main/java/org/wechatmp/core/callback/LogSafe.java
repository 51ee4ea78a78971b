package org.wechatmp.core.callback;

import java.util.Map;

/**
 * Makes request values safe to log: control characters (CR, LF, tab, NUL, DEL, the C1 range and the Unicode line
 * and paragraph separators) are escaped, so a value cannot start a forged log line, and each value is cut to
 * {@value #MAX} characters. Everything a caller sent passes through here before it reaches a logger.
 */
final class LogSafe {
    /** The longest value written, in characters. */
    static final int MAX = 200;

    private LogSafe() {
    }

    /**
     * Escapes and bounds one value.
     *
     * @param value anything a caller sent, or {@code null}
     * @return a one-line string of at most {@value #MAX} characters plus a cut marker
     */
    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int n = Math.min(s.length(), MAX);
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                if (b == null) {
                    b = new StringBuilder(n + 16).append(s, 0, i);
                }
                switch (c) {
                    case '\r' -> b.append("\\r");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> b.append(String.format("\\u%04x", (int) c));
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        String out = b == null ? (n == s.length() ? s : s.substring(0, n)) : b.toString();
        return s.length() > MAX ? out + "...(" + s.length() + " chars)" : out;
    }

    /**
     * Escapes and bounds every key and value of a query, as {@code {k=v, ...}}; at most 16 parameters.
     *
     * @param query the query parameters
     * @return one line
     */
    static String query(Map<String, String> query) {
        StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (i > 0) {
                b.append(", ");
            }
            if (i++ == 16) {
                b.append("...");
                break;
            }
            b.append(of(e.getKey())).append('=').append(of(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
