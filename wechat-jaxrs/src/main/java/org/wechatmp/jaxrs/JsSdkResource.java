package org.wechatmp.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.web.JsSdkScript;
import org.wechatmp.core.web.WebErrors;

/**
 * {@code GET wechat-jssdk/{account}/config.js?url=..&apis=..&debug=..}: a {@code wx.config(...)} script for a page of
 * a service account, by the core {@link JsSdkScript} (the same inputs give the same script as the servlet adapter).
 */
@Path("wechat-jssdk/{account}/config.js")
public final class JsSdkResource {
    private final WeChatRuntime runtime;

    /**
     * Creates the resource.
     *
     * @param runtime the runtime
     */
    public JsSdkResource(WeChatRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The script.
     *
     * @param name the account
     * @param url the page URL, or {@code null} to use the Referer
     * @param apis comma-separated JS API names
     * @param debug {@code true}, {@code 1} or {@code yes} for the JS-SDK's debug mode
     * @param referer the Referer
     * @return the script
     */
    @GET
    public Response script(@PathParam("account") String name, @QueryParam("url") String url,
            @QueryParam("apis") String apis, @QueryParam("debug") String debug, @HeaderParam("Referer") String referer) {
        try {
            return WeChatAuthFilter.answer(JsSdkScript.answer(runtime, name, url, apis, debug, referer));
        } catch (RuntimeException e) {
            return WeChatAuthFilter.answer(WebErrors.failure(500, "JS-SDK script failed", "jssdk", e));
        }
    }
}
