package org.wechatmp.core.client;

import java.util.List;

/**
 * A user's profile from {@code /sns/userinfo}.
 *
 * @param openid the openid
 * @param nickname the nickname
 * @param sex 1 male, 2 female, 0 unknown
 * @param province the province
 * @param city the city
 * @param country the country
 * @param headimgurl the avatar URL
 * @param privilege the privileges
 * @param unionid the unionid, when available
 */
public record OAuthUserInfo(String openid, String nickname, int sex, String province, String city, String country,
        String headimgurl, List<String> privilege, String unionid) {
    /**
     * Copies the list.
     *
     * @param openid the openid
     * @param nickname the nickname
     * @param sex 1 male, 2 female, 0 unknown
     * @param province the province
     * @param city the city
     * @param country the country
     * @param headimgurl the avatar URL
     * @param privilege the privileges
     * @param unionid the unionid, when available
     */
    public OAuthUserInfo {
        privilege = privilege == null ? List.of() : List.copyOf(privilege);
    }
}
