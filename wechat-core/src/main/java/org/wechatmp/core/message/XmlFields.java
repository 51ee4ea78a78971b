package org.wechatmp.core.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The raw, immutable content of one XML element as WeChat sends it: child element names mapped, in document order,
 * to their text, to a nested {@code XmlFields}, or (for a repeated element such as {@code <item>}) to a list of
 * those.
 *
 * <p>Every message keeps its {@code XmlFields}, so a field that the typed model does not name is never lost.
 */
public final class XmlFields {
    private static final XmlFields EMPTY = new XmlFields(Map.of());

    private final Map<String, Object> values;

    private XmlFields(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Returns an empty instance.
     *
     * @return fields with no entries
     */
    public static XmlFields empty() {
        return EMPTY;
    }

    /**
     * Builds fields from a map whose values are {@code String}, {@code XmlFields} or lists of those.
     *
     * @param values the entries, copied
     * @return the immutable fields
     */
    public static XmlFields of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey()), freeze(e.getValue()));
        }
        return new XmlFields(Collections.unmodifiableMap(copy));
    }

    static XmlFields wrap(LinkedHashMap<String, Object> values) {
        return values.isEmpty() ? EMPTY : new XmlFields(Collections.unmodifiableMap(values));
    }

    private static Object freeze(Object value) {
        if (value instanceof String || value instanceof XmlFields) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(freeze(o));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("XmlFields values are String, XmlFields or List, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /**
     * The text of a child element; for a repeated element, the first one's.
     *
     * @param name the element name, case-sensitive as in WeChat's XML
     * @return the text, or {@code null} when absent or not a text element
     */
    public String text(String name) {
        Object v = first(values.get(name));
        return v instanceof String s ? s : null;
    }

    /**
     * The text of a child element, or a default when it is absent or empty.
     *
     * @param name the element name
     * @param fallback returned when the element is absent or empty
     * @return the text or {@code fallback}
     */
    public String text(String name, String fallback) {
        String s = text(name);
        return s == null || s.isEmpty() ? fallback : s;
    }

    /**
     * A child element's text as a {@code long}.
     *
     * @param name the element name
     * @param fallback returned when the element is absent or not a number
     * @return the value
     */
    public long longValue(String name, long fallback) {
        String s = text(name);
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A child element's text as an {@code int}.
     *
     * @param name the element name
     * @param fallback returned when the element is absent or not a number
     * @return the value
     */
    public int intValue(String name, int fallback) {
        long v = longValue(name, Long.MIN_VALUE);
        return v == Long.MIN_VALUE || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? fallback : (int) v;
    }

    /**
     * A child element's text as a {@code double}.
     *
     * @param name the element name
     * @param fallback returned when the element is absent or not a number
     * @return the value
     */
    public double doubleValue(String name, double fallback) {
        String s = text(name);
        if (s == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A nested element; for a repeated element, the first one.
     *
     * @param name the element name
     * @return the nested fields, or an empty instance when absent
     */
    public XmlFields child(String name) {
        Object v = first(values.get(name));
        return v instanceof XmlFields f ? f : EMPTY;
    }

    /**
     * Every occurrence of a nested element, whether it appears once or repeatedly.
     *
     * @param name the element name
     * @return the nested fields in document order; empty when absent
     */
    public List<XmlFields> children(String name) {
        Object v = values.get(name);
        if (v instanceof XmlFields f) {
            return List.of(f);
        }
        if (v instanceof List<?> list) {
            List<XmlFields> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof XmlFields f) {
                    out.add(f);
                }
            }
            return Collections.unmodifiableList(out);
        }
        return List.of();
    }

    /**
     * Whether a child element is present.
     *
     * @param name the element name
     * @return {@code true} when present, even if empty
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The child element names in document order.
     *
     * @return the names
     */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The entries as an unmodifiable map (values are {@code String}, {@code XmlFields} or lists of those).
     *
     * @return the map, in document order
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Whether there are no entries.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static Object first(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmlFields other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
