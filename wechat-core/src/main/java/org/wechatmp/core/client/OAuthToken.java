package org.wechatmp.core.client;

/**
 * The result of exchanging an authorization code: a web access token for one user (not the account's token).
 *
 * @param accessToken the user's web access token
 * @param expiresIn its lifetime in seconds
 * @param refreshToken the refresh token (30 days)
 * @param openid the user's openid
 * @param scope the granted scope(s)
 * @param unionid the unionid, when available
 */
public record OAuthToken(String accessToken, long expiresIn, String refreshToken, String openid, String scope,
        String unionid) {

    /**
     * Whether the profile may be read with this token.
     *
     * @return {@code true} for {@code snsapi_userinfo}
     */
    public boolean allowsUserInfo() {
        return scope != null && scope.contains(OAuthScope.USERINFO.value());
    }

    @Override
    public String toString() {
        return "OAuthToken[openid=" + openid + ", scope=" + scope + "]";
    }
}
