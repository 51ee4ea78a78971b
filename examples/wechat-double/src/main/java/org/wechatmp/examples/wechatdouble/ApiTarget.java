package org.wechatmp.examples.wechatdouble;

/**
 * Where an example sends its WeChat API calls, decided once at start so that it is never a surprise: the API base it
 * was given (WeChat, a proxy, a double running elsewhere), or, for the demo account of {@link Defaults} only, a local
 * {@link WeChatDouble}. A real account (an appId or secret other than the demo's) without an API base is refused
 * with a message saying what to set: it must neither call the double while its owner thinks it talks to WeChat, nor
 * reach WeChat from a test that forgot to set one.
 */
public final class ApiTarget {
    /** WeChat's own API base, the value to set for a real account. */
    public static final String WECHAT = "https://api.weixin.qq.com";

    private ApiTarget() {
    }

    /**
     * Whether these are the demo credentials of {@link Defaults}, which only the double accepts.
     *
     * @param appId the appId
     * @param secret the app secret
     * @return true for the demo account
     */
    public static boolean isDemo(String appId, String secret) {
        return Defaults.APP_ID.equals(appId) && Defaults.SECRET.equals(secret);
    }

    /**
     * Decides where the API calls go.
     *
     * @param appId the configured appId
     * @param secret the configured app secret
     * @param apiBase the configured API base, or {@code null} / blank when none is set
     * @param setting how the user sets the API base, for the message (e.g. {@code WECHAT_API_BASE})
     * @return the API base to use, or {@code null} to start a local double (demo credentials, no API base)
     * @throws IllegalStateException for real credentials without an API base; the message says what to set and
     *     never holds the secret
     */
    public static String apiBase(String appId, String secret, String apiBase, String setting) {
        if (apiBase != null && !apiBase.isBlank()) {
            return apiBase.trim();
        }
        if (isDemo(appId, secret)) {
            return null;
        }
        throw new IllegalStateException("The account " + appId + " has real credentials but " + setting
                + " is not set, and the local WeChat double only stands in for the demo account. To call WeChat, set "
                + setting + " to " + WECHAT + " (and add this server's egress IP to the IP whitelist in the WeChat "
                + "console); to try the demo on the double, leave the appId and secret unset.");
    }

    /**
     * One line for the start-up log saying what the API calls talk to.
     *
     * @param apiBase the API base in use
     * @param local whether it is a double this process started
     * @return e.g. {@code the local WeChat double at http://127.0.0.1:41237 (demo account, no real WeChat)}
     */
    public static String describe(String apiBase, boolean local) {
        if (local) {
            return "the local WeChat double at " + apiBase + " (demo account, no real WeChat)";
        }
        return (apiBase.startsWith(WECHAT) ? "WeChat at " : "the API base ") + apiBase;
    }
}
