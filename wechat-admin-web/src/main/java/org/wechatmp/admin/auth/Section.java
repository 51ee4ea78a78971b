package org.wechatmp.admin.auth;

import java.util.Locale;

/** The parts of an account an admin may be granted. */
public enum Section {
    /** Followers and tags. */
    FOLLOWERS,
    /** Menus. */
    MENUS,
    /** Auto-replies. */
    REPLIES,
    /** Materials and drafts. */
    MATERIALS,
    /** The message log and conversations. */
    MESSAGES,
    /** Mass sends (publishing one needs {@link Level#PUBLISH}). */
    BROADCAST,
    /** Templates. */
    TEMPLATES,
    /** The account's settings and credentials. */
    SETTINGS;

    /**
     * The lower-case name used in forms and message keys.
     *
     * @return e.g. {@code followers}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
