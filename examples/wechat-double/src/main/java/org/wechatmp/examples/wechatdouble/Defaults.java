package org.wechatmp.examples.wechatdouble;

/**
 * The demo account the examples and {@link SendMessage} use when the environment does not say otherwise. These are
 * throwaway values for a local double; never use them for a real account.
 */
public final class Defaults {
    /** {@code WECHAT_APP_NAME}. */
    public static final String APP_NAME = "demo";
    /** {@code WECHAT_APPID}. */
    public static final String APP_ID = "wx0000000000demo0";
    /** {@code WECHAT_SECRET}. */
    public static final String SECRET = "demo-secret";
    /** {@code WECHAT_TOKEN}. */
    public static final String TOKEN = "demo-token";
    /** {@code WECHAT_AES_KEY}. */
    public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    /** {@code WECHAT_ENCRYPT_MODE}. */
    public static final String ENCRYPT_MODE = "safe";

    private Defaults() {
    }
}
