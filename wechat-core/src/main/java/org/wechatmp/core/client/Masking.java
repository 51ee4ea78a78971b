package org.wechatmp.core.client;

import java.util.regex.Pattern;

/** Hides tokens, secrets, codes, tickets and passwords in URLs and JSON before they reach a log. */
final class Masking {
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "([?&](?:access_token|secret|refresh_token|code)=)[^&]*");
    private static final Pattern SECRET_JSON = Pattern.compile(
            "(\"(?:access_token|refresh_token|ticket|secret|password)\"\\s*:\\s*\")[^\"]*\"");

    private Masking() {
    }

    static String url(String url) {
        return SECRET_QUERY.matcher(url).replaceAll("$1***");
    }

    static String json(String text) {
        return SECRET_JSON.matcher(text).replaceAll("$1***\"");
    }
}
