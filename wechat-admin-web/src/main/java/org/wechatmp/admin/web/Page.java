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

    boolean superuser() {
        return user != null && user.superuser();
    }
}
