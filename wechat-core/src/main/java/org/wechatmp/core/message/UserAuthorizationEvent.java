package org.wechatmp.core.message;

/**
 * A change to what a user authorized ({@code user_info_modified}, {@code user_authorization_revoke},
 * {@code user_authorization_cancellation}): WeChat asks the account to refresh or delete the user's data.
 */
public final class UserAuthorizationEvent extends EventMessage {
    UserAuthorizationEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The user concerned ({@code OpenID}; WeChat sometimes leaves it out, then the sender).
     *
     * @return the openid
     */
    public String openid() {
        return fields().text("OpenID", fromUserName());
    }

    /**
     * The user's UnionID where WeChat sends it.
     *
     * @return the UnionID, empty when absent
     */
    public String unionid() {
        return fields().text("UnionID", "");
    }

    /**
     * The account's appId.
     *
     * @return the appId, empty when absent
     */
    public String appId() {
        return fields().text("AppID", "");
    }

    /**
     * What the user revoked (e.g. 201 address, 205 nickname and avatar), for {@code user_authorization_revoke}.
     *
     * @return the code, empty when absent
     */
    public String revokeInfo() {
        return fields().text("RevokeInfo", "");
    }

    /**
     * Whether the user's stored data must be deleted (revoked or account cancelled) rather than refreshed.
     *
     * @return true for revoke and cancellation
     */
    public boolean requiresDeletion() {
        return !"user_info_modified".equals(event());
    }
}
