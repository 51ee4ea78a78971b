package org.wechatmp.admin.web;

import java.time.Instant;

/**
 * One blacklisted follower on the blacklist page.
 *
 * @param openid the openid
 * @param nickname the stored nickname, or {@code null} when the follower is not stored
 * @param remark the stored remark, or {@code null}
 * @param hasAvatar whether an avatar URL is stored (then the proxy serves it)
 * @param addedAt when the admin saw it blacklisted
 */
record BlacklistRow(String openid, String nickname, String remark, boolean hasAvatar, Instant addedAt) {
}
