package org.wechatmp.examples.springboot;

import java.util.Map;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * Where the accounts' API calls and browser sign-ins go: the configured {@code wechat.api-base}, or a local WeChat
 * double started for the demo account. Real credentials without an API base stop the start with
 * {@link MissingApiBaseException}: the double never stands in for a real account, and nothing reaches WeChat
 * unless told to.
 */
public final class WeChatEndpoints implements AutoCloseable {
    /** How the API base is set, for messages. */
    static final String SETTING = "WECHAT_API_BASE (wechat.api-base)";

    private final String apiBase;
    private final String oauthUrl;
    private final WeChatDouble local;

    private WeChatEndpoints(String apiBase, String oauthUrl, WeChatDouble local) {
        this.apiBase = apiBase;
        this.oauthUrl = oauthUrl;
        this.local = local;
    }

    static WeChatEndpoints of(WeChatProperties props) {
        String configured = WeChatConfiguration.blankToNull(props.apiBase());
        String oauth = WeChatConfiguration.blankToNull(props.oauthUrl());
        for (Map.Entry<String, WeChatProperties.AccountSettings> e : props.accounts().entrySet()) {
            try {
                ApiTarget.apiBase(e.getValue().appId(), e.getValue().secret(), configured, SETTING);
            } catch (IllegalStateException refused) {
                throw new MissingApiBaseException(refused.getMessage());
            }
        }
        if (configured != null) {
            return new WeChatEndpoints(configured, oauth, null);
        }
        WeChatDouble dbl = WeChatDouble.builder().host(props.doubleHost()).port(props.doublePort()).start();
        return new WeChatEndpoints(dbl.baseUrl(), oauth != null ? oauth : dbl.baseUrl(), dbl);
    }

    /**
     * The API base in use.
     *
     * @return e.g. {@code https://api.weixin.qq.com} or the local double's URL
     */
    public String apiBase() {
        return apiBase;
    }

    /**
     * The authorize page host, or {@code null} for WeChat's own.
     *
     * @return the host URL or {@code null}
     */
    public String oauthUrl() {
        return oauthUrl;
    }

    /**
     * The double this application started, if it did.
     *
     * @return the double, or {@code null} when an API base is configured
     */
    public WeChatDouble localDouble() {
        return local;
    }

    /**
     * One line for the log: what the API calls talk to.
     *
     * @return the description
     */
    public String describe() {
        return ApiTarget.describe(apiBase, local != null);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }

    /** Real credentials and no API base: the application refuses to start (see {@link ApiTarget}). */
    public static final class MissingApiBaseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingApiBaseException(String message) {
            super(message);
        }
    }
}
