package org.wechatmp.core.client;

import java.util.List;

/**
 * A follower's profile as {@code /cgi-bin/user/info} returns it. Since 2021 WeChat no longer returns nickname,
 * avatar, sex and location for new calls; those read as empty.
 *
 * @param subscribe 1 when the user follows the account, 0 otherwise (then only openid and unionid are set)
 * @param openid the openid
 * @param nickname the nickname
 * @param sex 1 male, 2 female, 0 unknown
 * @param language the language, e.g. {@code zh_CN}
 * @param city the city
 * @param province the province
 * @param country the country
 * @param headimgurl the avatar URL
 * @param subscribeTime the follow time, seconds since the epoch
 * @param unionid the unionid, when the account is bound to an open platform
 * @param remark the account's remark for the user
 * @param groupid the old group id
 * @param tagidList the ids of the user's tags
 * @param subscribeScene how the user followed, e.g. {@code ADD_SCENE_QR_CODE}
 * @param qrScene the QR scene id
 * @param qrSceneStr the QR scene string
 */
public record UserInfo(int subscribe, String openid, String nickname, int sex, String language, String city,
        String province, String country, String headimgurl, long subscribeTime, String unionid, String remark,
        int groupid, List<Integer> tagidList, String subscribeScene, long qrScene, String qrSceneStr) {

    /**
     * Replaces a missing tag list with an empty one.
     *
     * @param subscribe 1 when the user follows the account, 0 otherwise (then only openid and unionid are set)
     * @param openid the openid
     * @param nickname the nickname
     * @param sex 1 male, 2 female, 0 unknown
     * @param language the language, e.g. {@code zh_CN}
     * @param city the city
     * @param province the province
     * @param country the country
     * @param headimgurl the avatar URL
     * @param subscribeTime the follow time, seconds since the epoch
     * @param unionid the unionid, when the account is bound to an open platform
     * @param remark the account's remark for the user
     * @param groupid the old group id
     * @param tagidList the ids of the user's tags
     * @param subscribeScene how the user followed, e.g. {@code ADD_SCENE_QR_CODE}
     * @param qrScene the QR scene id
     * @param qrSceneStr the QR scene string
     */
    public UserInfo {
        tagidList = tagidList == null ? List.of() : List.copyOf(tagidList);
    }

    /**
     * Whether the user follows the account.
     *
     * @return {@code true} when subscribed
     */
    public boolean isSubscribed() {
        return subscribe == 1;
    }
}
