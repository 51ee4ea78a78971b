package org.wechatmp.examples.springboot;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code wechat.*} settings of {@code application.yml}, shaped after WxJava's Spring Boot starters:
 * {@code wx.mp.app-id}, {@code secret}, {@code token}, {@code aes-key} become
 * {@code wechat.accounts.<name>.app-id}, ... (one entry per official account, like the multi-account starter's
 * {@code wx.mp.apps.<tenant>}), {@code wx.mp.hosts.api-host} becomes {@code wechat.api-base}, and
 * {@code wx.mp.config-storage} becomes the database ({@code spring.datasource.*}).
 *
 * @param apiBase the WeChat API base ({@code https://api.weixin.qq.com} for a real account); empty starts a local
 *     double for the demo account
 * @param oauthUrl the host of the browser authorize page; empty: the double's, or WeChat's with an API base
 * @param masterKey base64 of 32 bytes sealing secrets and tokens at rest; empty stores them as they are
 * @param oauthKey 32+ characters signing OAuth states and sign-ins (the same on every node); empty generates one
 * @param siteUrl the public origin for OAuth's {@code redirect_uri}, e.g. {@code https://example.com}
 * @param allowedHosts without a site URL, the {@code Host} headers accepted for sign-in
 * @param trustedProxies proxy addresses or CIDR ranges whose {@code X-Forwarded-*} headers are believed
 * @param doubleHost the address the local double binds (e.g. {@code 0.0.0.0} for a browser on another machine)
 * @param doublePort the local double's port, 0 for any free one
 * @param oauth which pages need a WeChat sign-in
 * @param accounts the official accounts by name (the name is the last segment of the callback URL)
 */
@ConfigurationProperties("wechat")
public record WeChatProperties(String apiBase, String oauthUrl, String masterKey, String oauthKey, String siteUrl,
        List<String> allowedHosts, List<String> trustedProxies, @DefaultValue("127.0.0.1") String doubleHost,
        @DefaultValue("0") int doublePort, OAuth oauth, Map<String, AccountSettings> accounts) {

    /**
     * Fills the empty lists and maps.
     *
     * @param apiBase the WeChat API base
     * @param oauthUrl the authorize page host
     * @param masterKey the master key
     * @param oauthKey the OAuth signing key
     * @param siteUrl the public origin
     * @param allowedHosts the allowed hosts
     * @param trustedProxies the trusted proxies
     * @param doubleHost the double's address
     * @param doublePort the double's port
     * @param oauth the sign-in settings
     * @param accounts the accounts
     */
    public WeChatProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /**
     * One official account: what the WeChat console shows under 基本配置 (basic configuration).
     *
     * @param title a display name
     * @param appId the AppID (开发者ID)
     * @param secret the AppSecret (开发者密码)
     * @param token the callback Token (令牌)
     * @param aesKey the EncodingAESKey (消息加解密密钥), empty in plain mode
     * @param encryptMode {@code plain}, {@code compatible} or {@code safe} (明文, 兼容, 安全模式)
     */
    public record AccountSettings(String title, String appId, String secret, String token, String aesKey,
            @DefaultValue("safe") String encryptMode) {
    }

    /**
     * Web authorization (网页授权) of a group of pages.
     *
     * @param account the account whose users sign in
     * @param scope {@code snsapi_base} or {@code snsapi_userinfo}
     * @param paths the URL patterns that need a signed-in user, e.g. {@code /me}
     */
    public record OAuth(String account, @DefaultValue("snsapi_base") String scope, List<String> paths) {
    }
}
