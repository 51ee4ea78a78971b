package org.wechatmp.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;

/**
 * {@code GET wechat-jssdk/{account}/config.js?url=..&apis=..}: a {@code wx.config(...)} script for a page of a
 * service account.
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
     * @param referer the Referer
     * @return the script
     */
    @GET
    public Response script(@PathParam("account") String name, @QueryParam("url") String url,
            @QueryParam("apis") String apis, @HeaderParam("Referer") String referer) {
        Optional<Account> account = runtime.account(name);
        if (account.isEmpty()) {
            return text(404, "unknown account");
        }
        if (account.get().type() != Account.Type.SERVICE) {
            return text(403, "the JS-SDK needs a service account");
        }
        String page = url != null ? url : referer;
        if (page == null || !(page.startsWith("http://") || page.startsWith("https://"))) {
            return text(400, "missing page url");
        }
        try {
            String script = runtime.client(account.get()).jsapi().configScript(page,
                    java.util.Arrays.asList((apis == null ? "" : apis).split(",")), false);
            return Response.ok(script).type("application/javascript;charset=UTF-8").header("Cache-Control", "no-store")
                    .build();
        } catch (WeChatException e) {
            return text(502, "JS-SDK ticket unavailable");
        }
    }

    private static Response text(int status, String body) {
        return Response.status(status).type("text/plain;charset=UTF-8").entity(body).build();
    }
}
