package org.wechatmp.core;

/**
 * The WeChat API answered with a non-zero {@code errcode}. It carries the errcode, WeChat's errmsg and the endpoint
 * path (never the query, which holds the access token).
 */
public class WeChatApiException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** WeChat's errcode. */
    private final int errcode;
    /** WeChat's errmsg. */
    private final String errmsg;
    /** The endpoint path, without the query. */
    private final String endpoint;

    /**
     * Creates the exception.
     *
     * @param errcode WeChat's error code
     * @param errmsg WeChat's error message
     * @param endpoint the API path, e.g. {@code /cgi-bin/user/info}
     */
    public WeChatApiException(int errcode, String errmsg, String endpoint) {
        this(errcode, errmsg, endpoint, hint(errcode));
    }

    private WeChatApiException(int errcode, String errmsg, String endpoint, String hint) {
        super("WeChat API " + endpoint + " failed: errcode " + errcode + ", " + errmsg
                + (hint.isEmpty() ? "" : " (" + hint + ")"));
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.endpoint = endpoint;
    }

    private static String hint(int errcode) {
        return switch (errcode) {
            case 45009 -> "the daily quota of this API is used up; it resets at midnight, or can be cleared once "
                    + "with /cgi-bin/clear_quota";
            case 40164 -> "this server's IP is not on the account's API IP whitelist; add it in the WeChat console";
            case 48001 -> "the account is not authorized for this API; check its type and verification";
            case 40001, 40014, 42001 -> "the access token was rejected even after a refresh; check the appId and "
                    + "secret, and that no other system refreshes this account's token";
            case 40125 -> "the app secret is wrong";
            case -1 -> "WeChat is busy; retried and gave up";
            default -> "";
        };
    }

    /**
     * WeChat's error code.
     *
     * @return the errcode
     */
    public int errcode() {
        return errcode;
    }

    /**
     * WeChat's error message.
     *
     * @return the errmsg
     */
    public String errmsg() {
        return errmsg;
    }

    /**
     * The API path that failed.
     *
     * @return the endpoint
     */
    public String endpoint() {
        return endpoint;
    }
}
