package org.wechatmp.admin.auth;

import java.util.Locale;
import java.util.Optional;

/** What a grant allows, each level including the ones before it. */
public enum Level {
    /** Read. */
    VIEW,
    /** Change local data and call WeChat for non-public changes. */
    EDIT,
    /** Publish to followers (menus, mass sends). */
    PUBLISH;

    /**
     * The lower-case name used in forms and message keys.
     *
     * @return e.g. {@code view}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this level includes another.
     *
     * @param other the level needed
     * @return whether this is at least {@code other}
     */
    public boolean includes(Level other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a form value.
     *
     * @param s e.g. {@code edit}; blank for none
     * @return the level, or empty
     */
    public static Optional<Level> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        for (Level l : values()) {
            if (l.key().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
