package org.wechatmp.admin.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.wechatmp.admin.auth.AdminUser;

/**
 * What every page's layout needs: the language, the CSRF token, the signed-in user, the title and a flash message.
 *
 * @param msg the messages
 * @param contextPath the context path (no trailing slash)
 * @param csrf the session's CSRF token
 * @param user the signed-in user, or {@code null}
 * @param title the title's message key
 * @param zone the time zone for dates
 * @param flash a message key to show once, or {@code null}
 * @param path the current path (for the language links)
 * @param demo whether the admin runs in demo mode (a banner on every page)
 */
record Page(Msg msg, String contextPath, String csrf, AdminUser user, String title, ZoneId zone, String flash,
        String path, boolean demo) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    String lang() {
        return msg.lang();
    }

    String t(String key) {
        return msg.t(key);
    }

    String t(String key, Object... args) {
        return msg.t(key, args);
    }

    String url(String p) {
        return contextPath + p;
    }

    String date(Instant at) {
        return at == null ? "—" : FORMAT.withZone(zone).format(at);
    }

    String langUrl(String lang) {
        return contextPath + path + "?lang=" + lang;
    }

    Page titled(String key) {
        return new Page(msg, contextPath, csrf, user, key, zone, flash, path, demo);
    }

    /**
     * The account of an account-scoped page ({@code /a/{account}/...}).
     *
     * @return its name, or {@code null} elsewhere
     */
    String account() {
        if (path == null || !path.startsWith("/a/")) {
            return null;
        }
        int end = path.indexOf('/', 3);
        return end < 0 ? path.substring(3) : path.substring(3, end);
    }

    /**
     * Whether the user may see a section of the current account (for the account's navigation).
     *
     * @param section the section's key, e.g. {@code followers}
     * @return whether the user has at least view on it
     */
    boolean sees(String section) {
        String a = account();
        return user != null && a != null && user.level(a, org.wechatmp.admin.auth.Section.valueOf(
                section.toUpperCase(java.util.Locale.ROOT))).isPresent();
    }

    /**
     * Whether the current path is at or under an account-scoped segment (the active item of the navigation).
     *
     * @param segment e.g. {@code followers}
     * @return whether active
     */
    boolean at(String segment) {
        String a = account();
        return a != null && (path.equals("/a/" + a + "/" + segment) || path.startsWith("/a/" + a + "/" + segment + "/"));
    }

    boolean superuser() {
        return user != null && user.superuser();
    }
}
