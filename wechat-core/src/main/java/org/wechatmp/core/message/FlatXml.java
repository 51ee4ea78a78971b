package org.wechatmp.core.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * The fast path of {@link SafeXml} for the shape nearly every callback has: one root element whose children are
 * leaves of plain text and CDATA sections, no attributes, no prolog, no comments, no references, no carriage returns.
 * Anything else (a DOCTYPE, an entity or character reference, an attribute, a nested element, a processing
 * instruction, a control character, a mismatched tag) makes it answer {@code null}, and the caller parses the
 * document with Woodstox, which reads it or refuses it exactly as before. So this never accepts a document Woodstox
 * would refuse, and gives the same fields for one it accepts (a test compares both on every fixture and on mutations).
 */
final class FlatXml {
    private final char[] s;
    private final int end;
    private int i;

    private FlatXml(char[] s, int end) {
        this.s = s;
        this.end = end;
    }

    /**
     * The root's fields, or {@code null} when the document is not of the simple shape.
     *
     * @param chars the document
     * @param length how many chars of it
     * @return the fields, or {@code null} to parse it fully
     */
    static XmlFields parse(char[] chars, int length) {
        return new FlatXml(chars, length).document();
    }

    private XmlFields document() {
        skipSpace();
        String root = openTag();
        if (root == null) {
            return null;
        }
        LinkedHashMap<String, Object> children = null;
        while (true) {
            skipSpace();
            if (i + 1 >= end || s[i] != '<') {
                return null;
            }
            if (s[i + 1] == '/') {
                if (!closeTag(root)) {
                    return null;
                }
                skipSpace();
                if (i != end) {
                    return null;
                }
                return children == null ? XmlFields.empty() : XmlFields.wrap(freeze(children));
            }
            String name = openTag();
            if (name == null) {
                return null;
            }
            String value = leaf();
            if (value == null || !closeTag(name)) {
                return null;
            }
            if (children == null) {
                children = new LinkedHashMap<>();
            }
            add(children, name, value);
        }
    }

    /** {@code <name>} with no attributes; the name, or {@code null}. */
    private String openTag() {
        if (i >= end || s[i] != '<') {
            return null;
        }
        int start = ++i;
        if (i >= end || !nameStart(s[i])) {
            return null;
        }
        while (i < end && namePart(s[i])) {
            i++;
        }
        if (i >= end || s[i] != '>') {
            return null;
        }
        String name = new String(s, start, i - start);
        i++;
        return name;
    }

    private boolean closeTag(String name) {
        int n = name.length();
        if (i + 3 + n > end || s[i] != '<' || s[i + 1] != '/' || s[i + 2 + n] != '>') {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s[i + 2 + k] != name.charAt(k)) {
                return false;
            }
        }
        i += 3 + n;
        return true;
    }

    /**
     * A leaf's content up to its end tag, valued as {@code SafeXml} values it; {@code null} if not plain. The usual
     * leaf is one CDATA section or one run of text: that is cut out once, with no buffer.
     */
    private String leaf() {
        int firstFrom = -1;
        int firstTo = -1;
        boolean firstCdata = false;
        StringBuilder text = null;
        StringBuilder cdata = null;
        boolean anyCdata = false;
        boolean plainNonBlank = false;
        while (i < end) {
            char c = s[i];
            int from;
            int to;
            boolean isCdata;
            if (c == '<') {
                if (i + 1 < end && s[i + 1] == '/') {
                    break;
                }
                if (!startsWith("<![CDATA[")) {
                    return null; // a nested element, a comment, a PI: the full parser decides
                }
                from = i + 9;
                to = cdataEnd(from);
                if (to < 0) {
                    return null;
                }
                i = to + 3;
                isCdata = true;
                anyCdata = true;
            } else {
                from = i;
                while (i < end && s[i] != '<') {
                    char t = s[i];
                    int width = t == '&' || t == '>' ? 0 : t >= 0x20 && t < 0xd800 ? 1 : width(i);
                    if (width == 0) {
                        return null; // references, a literal '>', invalid chars: the full parser decides
                    }
                    if (!plainNonBlank && !Character.isWhitespace(t)) {
                        plainNonBlank = true;
                    }
                    i += width;
                }
                to = i;
                isCdata = false;
            }
            if (firstFrom < 0) {
                firstFrom = from;
                firstTo = to;
                firstCdata = isCdata;
                continue;
            }
            if (text == null) { // a second segment: from here on, buffers
                text = new StringBuilder(firstTo - firstFrom + to - from + 16).append(s, firstFrom, firstTo - firstFrom);
                cdata = new StringBuilder();
                if (firstCdata) {
                    cdata.append(s, firstFrom, firstTo - firstFrom);
                }
            }
            text.append(s, from, to - from);
            if (isCdata) {
                cdata.append(s, from, to - from);
            }
        }
        if (firstFrom < 0) {
            return "";
        }
        if (text == null) {
            String only = new String(s, firstFrom, firstTo - firstFrom);
            return firstCdata ? only : only.trim();
        }
        if (anyCdata) {
            return plainNonBlank ? text.toString() : cdata.toString();
        }
        return text.toString().trim();
    }

    /** Where a CDATA section starting at {@code from} ends ({@code ]]>}), checking its characters on the way. */
    private int cdataEnd(int from) {
        int k = from;
        while (k + 2 < end) {
            char ch = s[k];
            if (ch == ']' && s[k + 1] == ']' && s[k + 2] == '>') {
                return k;
            }
            int w = ch >= 0x20 && ch < 0xd800 ? 1 : width(k);
            if (w == 0) {
                return -1;
            }
            k += w;
        }
        return -1;
    }

    private void skipSpace() {
        while (i < end && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) {
            i++;
        }
    }

    private boolean startsWith(String p) {
        if (i + p.length() > end) {
            return false;
        }
        for (int k = 0; k < p.length(); k++) {
            if (s[i + k] != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many chars the character at {@code k} takes when it is taken as it is: 1, 2 for a well-formed surrogate
     * pair, 0 for one the full parser must judge (a CR, whose line ends XML normalizes; a control; a lone surrogate;
     * U+FFFE/U+FFFF).
     */
    private int width(int k) {
        char c = s[k];
        if (c < 0x20) {
            return c == '\n' || c == '\t' ? 1 : 0;
        }
        if (Character.isHighSurrogate(c)) {
            return k + 1 < end && Character.isLowSurrogate(s[k + 1]) ? 2 : 0;
        }
        return Character.isLowSurrogate(c) || c >= 0xfffe ? 0 : 1;
    }

    private static boolean nameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.';
    }

    private static void add(LinkedHashMap<String, Object> children, String name, String value) {
        Object existing = children.putIfAbsent(name, value);
        if (existing != null) {
            if (existing instanceof ArrayList<?>) {
                @SuppressWarnings("unchecked")
                ArrayList<Object> list = (ArrayList<Object>) existing;
                list.add(value);
            } else {
                ArrayList<Object> list = new ArrayList<>(4);
                list.add(existing);
                list.add(value);
                children.put(name, list);
            }
        }
    }

    private static LinkedHashMap<String, Object> freeze(LinkedHashMap<String, Object> map) {
        map.replaceAll((k, v) -> v instanceof ArrayList<?> list ? java.util.List.copyOf(list) : v);
        return map;
    }
}
