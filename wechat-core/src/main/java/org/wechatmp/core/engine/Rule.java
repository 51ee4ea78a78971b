package org.wechatmp.core.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A condition of a {@link Handler}. Any matching rule selects its handler.
 *
 * @param type what the rule tests
 * @param value the message type, event name, pattern or custom rule name (unused for {@code ALL})
 * @param key the event key ({@code EVENT_KEY} only)
 */
public record Rule(Type type, String value, String key) {

    /** What a rule tests. */
    public enum Type {
        /** Every message. */
        ALL,
        /** The message type ({@code text}, {@code image}, ..., {@code event}). */
        MSG_TYPE,
        /** The event name, case-insensitive; {@code subscribe} also matches a scan-subscribe. */
        EVENT,
        /** The event name and its key (menu key, QR scene). */
        EVENT_KEY,
        /** A text message containing the pattern. */
        CONTAINS,
        /** A text message equal to the pattern. */
        EQUALS,
        /** A text message in which the regular expression finds a match. */
        REGEX,
        /** A named Java predicate registered with the engine. */
        CUSTOM
    }

    /**
     * Validates and normalises (event names and message types are lower-cased).
     *
     * @param type what the rule tests
     * @param value the message type, event name, pattern or custom rule name (unused for {@code ALL})
     * @param key the event key ({@code EVENT_KEY} only)
     */
    public Rule {
        Objects.requireNonNull(type, "type");
        value = value == null ? "" : value;
        key = key == null ? "" : key;
        if (type == Type.MSG_TYPE || type == Type.EVENT || type == Type.EVENT_KEY) {
            value = value.toLowerCase(Locale.ROOT);
        }
        if (type != Type.ALL && value.isEmpty()) {
            throw new IllegalArgumentException(type + " rule needs a value");
        }
        if (type == Type.REGEX) {
            java.util.regex.Pattern.compile(value); // fail early on a bad pattern
        }
    }

    /**
     * Matches every message.
     *
     * @return the rule
     */
    public static Rule all() {
        return new Rule(Type.ALL, "", "");
    }

    /**
     * Matches a message type.
     *
     * @param msgType e.g. {@code text}, {@code image}, {@code event}
     * @return the rule
     */
    public static Rule msgType(String msgType) {
        return new Rule(Type.MSG_TYPE, msgType, "");
    }

    /**
     * Matches an event.
     *
     * @param event e.g. {@code subscribe}, {@code CLICK}
     * @return the rule
     */
    public static Rule event(String event) {
        return new Rule(Type.EVENT, event, "");
    }

    /**
     * Matches an event with a key.
     *
     * @param event e.g. {@code CLICK}
     * @param key the event key
     * @return the rule
     */
    public static Rule eventKey(String event, String key) {
        return new Rule(Type.EVENT_KEY, event, key);
    }

    /**
     * Matches text containing a pattern (case-sensitive).
     *
     * @param pattern the substring
     * @return the rule
     */
    public static Rule contains(String pattern) {
        return new Rule(Type.CONTAINS, pattern, "");
    }

    /**
     * Matches text equal to a pattern.
     *
     * @param pattern the text
     * @return the rule
     */
    public static Rule equalTo(String pattern) {
        return new Rule(Type.EQUALS, pattern, "");
    }

    /**
     * Matches text in which a regular expression finds a match.
     *
     * @param regex the expression
     * @return the rule
     */
    public static Rule regex(String regex) {
        return new Rule(Type.REGEX, regex, "");
    }

    /**
     * Matches by a named predicate registered with {@link ReplyEngine.Builder#customRule}.
     *
     * @param name the predicate's name
     * @return the rule
     */
    public static Rule custom(String name) {
        return new Rule(Type.CUSTOM, name, "");
    }
}
