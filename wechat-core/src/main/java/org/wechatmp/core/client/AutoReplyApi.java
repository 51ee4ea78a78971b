package org.wechatmp.core.client;

/**
 * The auto-reply settings made in the WeChat console.
 */
public final class AutoReplyApi {
    private final ApiExecutor x;

    AutoReplyApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The current settings: follow reply, default reply and keyword rules.
     *
     * @return the settings
     */
    public AutoReplyInfo current() {
        return x.convert(x.json(ApiExecutor.get("/cgi-bin/get_current_autoreply_info", null)), AutoReplyInfo.class);
    }
}
