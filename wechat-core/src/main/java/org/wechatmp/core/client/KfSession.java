package org.wechatmp.core.client;

/**
 * A customer-service session, or a follower waiting for one.
 *
 * @param openid the follower, empty where WeChat does not say
 * @param kfAccount the account serving (or asked for), empty where none
 * @param createTime when it started (or the follower began waiting), seconds since the epoch
 */
public record KfSession(String openid, String kfAccount, long createTime) {
    static KfSession read(com.fasterxml.jackson.databind.JsonNode s) {
        return new KfSession(s.path("openid").asText(""), s.path("kf_account").asText(""),
                s.path("createtime").asLong(0));
    }
}
