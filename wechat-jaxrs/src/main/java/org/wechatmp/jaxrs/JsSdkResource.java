package org.wechatmp.jaxrs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.JsSdkSignature;

/**
 * {@code GET wechat-jssdk/{account}/config.js?url=..&apis=..}: a {@code wx.config(...)} script for a page of a
 * service account.
 */
@Path("wechat-jssdk/{account}/config.js")
public final class JsSdkResource {
    private static final ObjectMapper JSON = new ObjectMapper();
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
     * @throws IOException never in practice
     */
    @GET
    public Response script(@PathParam("account") String name, @QueryParam("url") String url,
            @QueryParam("apis") String apis, @HeaderParam("Referer") String referer) throws IOException {
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
        JsSdkSignature s;
        try {
            s = runtime.client(account.get()).jsapi().sign(page);
        } catch (WeChatException e) {
            return text(502, "JS-SDK ticket unavailable");
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("debug", false);
        config.put("appId", s.appId());
        config.put("timestamp", s.timestamp());
        config.put("nonceStr", s.nonceStr());
        config.put("signature", s.signature());
        var list = config.putArray("jsApiList");
        for (String api : (apis == null ? "" : apis).split(",")) {
            if (api.matches("[A-Za-z]{1,64}")) {
                list.add(api);
            }
        }
        return Response.ok("wx.config(" + JSON.writeValueAsString(config) + ");\n")
                .type("application/javascript;charset=UTF-8").header("Cache-Control", "no-store").build();
    }

    private static Response text(int status, String body) {
        return Response.status(status).type("text/plain;charset=UTF-8").entity(body).build();
    }
}
