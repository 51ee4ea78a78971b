package org.wechatmp.core.oauth;

import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Who a web request belongs to after WeChat authorization; adapters expose it as the request attribute
 * {@link #ATTRIBUTE} (and JAX-RS injects it).
 *
 * @param account the account name
 * @param openid the user's openid
 * @param user the user as stored locally
 * @param scope the scope the user granted
 * @param state the return path carried through the signed state, or empty
 */
public record WeChatOAuthInfo(String account, String openid, WeChatUser user, OAuthScope scope, String state) {
    /** The request attribute name. */
    public static final String ATTRIBUTE = "wechat.oauth";
}
