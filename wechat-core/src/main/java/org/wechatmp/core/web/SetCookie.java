package org.wechatmp.core.web;

/**
 * The one format of the cookies the adapters set: {@code HttpOnly}, {@code SameSite=Lax} (sent on WeChat's top-level
 * redirect back, not on cross-site subrequests), {@code Secure} for HTTPS requests.
 */
public final class SetCookie {
    private SetCookie() {
    }

    /**
     * A {@code Set-Cookie} header value.
     *
     * @param name the name
     * @param value the value (letters, digits, {@code -_.} only)
     * @param path the path
     * @param maxAgeSeconds seconds to keep it; 0 deletes it
     * @param secure whether to add {@code Secure}
     * @return the header value
     */
    public static String header(String name, String value, String path, long maxAgeSeconds, boolean secure) {
        if (!value.matches("[A-Za-z0-9._-]*") || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("cookie names and values are limited to [A-Za-z0-9._-]");
        }
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
