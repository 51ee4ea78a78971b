package org.wechatmp.core.client;

/**
 * A customer-service account.
 *
 * @param kfAccount the account, {@code name@gh_id}
 * @param nickname the nickname
 * @param kfId the worker id
 * @param headImgUrl the avatar URL, empty when none
 * @param wechatId the bound WeChat ID, empty when none
 * @param inviteWechatId the WeChat ID invited to bind, empty when none
 * @param inviteExpireTime when that invitation expires (seconds since the epoch), 0 when none
 * @param inviteStatus {@code waiting}, {@code rejected} or {@code expired}, empty when none
 */
public record KfAccount(String kfAccount, String nickname, String kfId, String headImgUrl, String wechatId,
        String inviteWechatId, long inviteExpireTime, String inviteStatus) {
    static KfAccount read(com.fasterxml.jackson.databind.JsonNode k) {
        String head = k.path("kf_headimgurl").asText(k.path("kf_headimg").asText(""));
        return new KfAccount(k.path("kf_account").asText(""), k.path("kf_nick").asText(""), k.path("kf_id").asText(""),
                head, k.path("kf_wx").asText(""), k.path("invite_wx").asText(""),
                k.path("invite_expire_time").asLong(0), k.path("invite_status").asText(""));
    }
}
