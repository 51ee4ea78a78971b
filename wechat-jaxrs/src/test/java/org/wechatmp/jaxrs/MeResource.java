package org.wechatmp.jaxrs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.web.ClientAddress;

/** A protected resource that prints who the user is. */
@Path("me")
public class MeResource {
    /**
     * The greeting.
     *
     * @param info the user
     * @param addr whether to print the client address too
     * @param servlet the servlet request (for the client address the filter resolved)
     * @return the text
     */
    @GET
    @Produces("text/plain;charset=UTF-8")
    @WeChatAuth(account = "plain", scope = "snsapi_userinfo")
    public String me(@HeaderParam(WeChatFeature.OAUTH_HEADER) WeChatOAuthInfo info, @QueryParam("addr") String addr,
            @Context HttpServletRequest servlet) {
        return info.openid() + " " + info.user().nickname() + " " + info.scope().value()
                + (addr != null ? " " + servlet.getAttribute(ClientAddress.ATTRIBUTE) : "");
    }
}
