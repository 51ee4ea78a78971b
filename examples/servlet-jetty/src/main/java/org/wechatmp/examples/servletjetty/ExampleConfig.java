package org.wechatmp.examples.servletjetty;

import java.util.Map;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The example's settings, from environment variables (each with a demo default):
 * {@code WECHAT_APP_NAME}, {@code WECHAT_APPID}, {@code WECHAT_SECRET}, {@code WECHAT_TOKEN}, {@code WECHAT_AES_KEY},
 * {@code WECHAT_ENCRYPT_MODE} (plain|compatible|safe), {@code WECHAT_API_BASE} (unset: a local double is started),
 * {@code WECHAT_OAUTH_URL}, {@code WECHAT_DB_URL}, {@code HOST}, {@code PORT}, and for the local double
 * {@code DOUBLE_HOST} (default {@code 127.0.0.1}) and {@code DOUBLE_PORT} (default any free port).
 *
 * <p>Real credentials (an appId or secret other than the demo's) without {@code WECHAT_API_BASE} are refused
 * ({@link ApiTarget}): the local double only stands in for the demo account, and nothing calls WeChat unless told to.
 *
 * @param appName the account name in URLs
 * @param appId the appId
 * @param secret the app secret
 * @param token the callback token
 * @param aesKey the EncodingAESKey
 * @param mode the encryption mode
 * @param apiBase the API base URL, or {@code null} to start the local double
 * @param oauthUrl the authorize page host, or {@code null}
 * @param dbUrl the JDBC URL, or {@code null}
 * @param host the interface to listen on, or {@code null} for all
 * @param port the port (0 for any free one)
 * @param doubleHost the address a local double binds
 * @param doublePort the local double's port (0 for any free one)
 */
public record ExampleConfig(String appName, String appId, String secret, String token, String aesKey,
        EncryptMode mode, String apiBase, String oauthUrl, String dbUrl, String host, int port, String doubleHost,
        int doublePort) {

    /**
     * Reads the environment.
     *
     * @param env the environment
     * @return the settings
     * @throws IllegalStateException for real credentials without {@code WECHAT_API_BASE}, saying what to set
     */
    public static ExampleConfig from(Map<String, String> env) {
        String appId = get(env, "WECHAT_APPID", Defaults.APP_ID);
        String secret = get(env, "WECHAT_SECRET", Defaults.SECRET);
        String apiBase = ApiTarget.apiBase(appId, secret, get(env, "WECHAT_API_BASE", null), "WECHAT_API_BASE");
        return new ExampleConfig(get(env, "WECHAT_APP_NAME", Defaults.APP_NAME), appId, secret,
                get(env, "WECHAT_TOKEN", Defaults.TOKEN), get(env, "WECHAT_AES_KEY", Defaults.AES_KEY),
                EncryptMode.parse(get(env, "WECHAT_ENCRYPT_MODE", Defaults.ENCRYPT_MODE)),
                apiBase, get(env, "WECHAT_OAUTH_URL", null), get(env, "WECHAT_DB_URL", null),
                get(env, "HOST", null), Integer.parseInt(get(env, "PORT", "8080")),
                get(env, "DOUBLE_HOST", "127.0.0.1"), Integer.parseInt(get(env, "DOUBLE_PORT", "0")));
    }

    /**
     * Starts the local double when no API base is set (the demo account).
     *
     * @return the running double, or {@code null} with an API base
     */
    public WeChatDouble startDouble() {
        return apiBase == null ? WeChatDouble.builder().host(doubleHost).port(doublePort).start() : null;
    }

    private static String get(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
