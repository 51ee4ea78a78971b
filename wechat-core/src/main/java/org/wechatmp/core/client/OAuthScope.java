package org.wechatmp.core.client;

/** The scopes of web authorization. */
public enum OAuthScope {
    /** Silent: yields the openid only. */
    BASE("snsapi_base"),
    /** Asks the user: yields the openid and the profile. */
    USERINFO("snsapi_userinfo");

    private final String value;

    OAuthScope(String value) {
        this.value = value;
    }

    /**
     * The wire value, e.g. {@code snsapi_base}.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Parses a wire value.
     *
     * @param value {@code snsapi_base} or {@code snsapi_userinfo}
     * @return the scope
     */
    public static OAuthScope parse(String value) {
        for (OAuthScope s : values()) {
            if (s.value.equals(value) || s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown OAuth scope: " + value);
    }
}
