package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A follower as stored locally.
 *
 * @param openid the openid
 * @param unionid the unionid, or {@code null}
 * @param nickname the nickname
 * @param avatar the avatar URL
 * @param sex 0 unknown, 1 male, 2 female
 * @param language the language
 * @param city the city
 * @param province the province
 * @param country the country
 * @param subscribed whether the user follows; {@code null} when never known
 * @param subscribeTime the last follow time, or {@code null}
 * @param subscribeScene how the user followed
 * @param qrScene the QR scene id
 * @param qrSceneStr the QR scene string
 * @param remark the WeChat remark
 * @param note a local note (never sent to WeChat)
 * @param tagIds the tag ids
 * @param firstSeen when the framework first saw the user
 * @param syncedAt when the profile was last synced from WeChat, or {@code null}
 */
public record WeChatUser(String openid, String unionid, String nickname, String avatar, int sex, String language,
        String city, String province, String country, Boolean subscribed, Instant subscribeTime,
        String subscribeScene, long qrScene, String qrSceneStr, String remark, String note, List<Integer> tagIds,
        Instant firstSeen, Instant syncedAt) {

    /**
     * Validates and copies.
     *
     * @param openid the openid
     * @param unionid the unionid, or {@code null}
     * @param nickname the nickname
     * @param avatar the avatar URL
     * @param sex 0 unknown, 1 male, 2 female
     * @param language the language
     * @param city the city
     * @param province the province
     * @param country the country
     * @param subscribed whether the user follows; {@code null} when never known
     * @param subscribeTime the last follow time, or {@code null}
     * @param subscribeScene how the user followed
     * @param qrScene the QR scene id
     * @param qrSceneStr the QR scene string
     * @param remark the WeChat remark
     * @param note a local note (never sent to WeChat)
     * @param tagIds the tag ids
     * @param firstSeen when the framework first saw the user
     * @param syncedAt when the profile was last synced from WeChat, or {@code null}
     */
    public WeChatUser {
        Objects.requireNonNull(openid, "openid");
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
    }

    /**
     * A user known only by openid.
     *
     * @param openid the openid
     * @param firstSeen when first seen
     * @return the user
     */
    public static WeChatUser of(String openid, Instant firstSeen) {
        return new WeChatUser(openid, null, null, null, 0, null, null, null, null, null, null, null, 0, null, null,
                null, List.of(), firstSeen, null);
    }

    /**
     * The same user with a subscription state.
     *
     * @param now whether the user follows
     * @param at since when
     * @return a new user
     */
    public WeChatUser withSubscription(boolean now, Instant at) {
        return new WeChatUser(openid, unionid, nickname, avatar, sex, language, city, province, country, now,
                now ? at : subscribeTime, subscribeScene, qrScene, qrSceneStr, remark, note, tagIds, firstSeen,
                syncedAt);
    }
}
