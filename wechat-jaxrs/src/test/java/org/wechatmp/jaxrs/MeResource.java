package org.wechatmp.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.wechatmp.core.oauth.WeChatOAuthInfo;

/** A protected resource that prints who the user is. */
@Path("me")
public class MeResource {
    /**
     * The greeting.
     *
     * @param info the user
     * @return the text
     */
    @GET
    @Produces("text/plain;charset=UTF-8")
    @WeChatAuth(account = "plain", scope = "snsapi_userinfo")
    public String me(@HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo info) {
        return info.openid() + " " + info.user().nickname() + " " + info.scope().value();
    }
}
