package org.wechatmp.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackAdmission;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.web.ClientAddress;
import org.wechatmp.core.web.WebSettings;

/**
 * The callback endpoint, {@code GET|POST wechat/{account}}: a translation to the core pipeline, in two stages. The
 * query (account, signature, timestamp) and the declared {@code Content-Length} are checked before the entity stream
 * is touched, so an unsigned or oversized request is answered at once; an admitted body is read under the pipeline's
 * body deadline (default 5 s): too large 413, shorter than declared or a broken chunk 400, late 408.
 *
 * <p>The client address the pipeline sees follows the core rule, {@link ClientAddress}: the TCP peer (known on a
 * servlet container, through the filter {@link WeChatFeature} registers), or {@code X-Forwarded-For} when that peer is
 * a trusted proxy of the {@link WebSettings} (none by default). Register it with {@link WeChatFeature#singletons}.
 */
@Path("wechat/{account}")
public final class WeChatCallbackResource {
    private final WeChatRuntime runtime;
    private final WebSettings web;

    /**
     * Creates the resource with {@link WebSettings#defaults()}: no trusted proxy, {@code X-Forwarded-For} ignored.
     *
     * @param runtime the runtime
     */
    public WeChatCallbackResource(WeChatRuntime runtime) {
        this(runtime, WebSettings.defaults());
    }

    /**
     * Creates the resource.
     *
     * @param runtime the runtime
     * @param web the settings; their trusted proxies decide whether {@code X-Forwarded-For} is believed
     */
    public WeChatCallbackResource(WeChatRuntime runtime, WebSettings web) {
        this.runtime = Objects.requireNonNull(runtime);
        this.web = Objects.requireNonNull(web);
    }

    /**
     * The handshake.
     *
     * @param account the account name
     * @param uri the request URI
     * @param headers the headers
     * @return the response
     */
    @GET
    public Response handshake(@PathParam("account") String account, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return answer(runtime.callback().admit(account, "GET", query(uri), clientAddress(headers), -1).response());
    }

    /**
     * A message.
     *
     * @param account the account name
     * @param uri the request URI
     * @param headers the headers
     * @param body the body
     * @return the response
     */
    @POST
    public Response message(@PathParam("account") String account, @Context UriInfo uri, @Context HttpHeaders headers,
            InputStream body) {
        long declared = headers.getLength();
        CallbackAdmission admission = runtime.callback().admit(account, "POST", query(uri),
                clientAddress(headers), declared);
        // the entity stream is read only once the query passed, and then under the body deadline
        return answer(admission.answered() ? admission.response() : admission.read(body, declared));
    }

    private Response answer(CallbackResponse r) {
        byte[] bytes = r.bodyBytes();
        StreamingOutput out = os -> {
            try {
                os.write(bytes);
                os.flush();
            } finally {
                r.afterResponse();
            }
        };
        return Response.status(r.status()).type(r.contentType()).entity(out).build();
    }

    static Map<String, String> query(UriInfo uri) {
        Map<String, String> out = new LinkedHashMap<>();
        MultivaluedMap<String, String> q = uri.getQueryParameters(true);
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey(), e.getValue().get(0));
            }
        }
        return out;
    }

    private String clientAddress(HttpHeaders headers) {
        return web.clientAddress(RemoteAddressFilter.peer(headers), headers.getHeaderString("X-Forwarded-For"));
    }
}
