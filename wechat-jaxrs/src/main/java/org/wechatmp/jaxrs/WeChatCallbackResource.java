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
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.message.MessageParser;

/**
 * The callback endpoint, {@code GET|POST wechat/{account}}: a translation to the core pipeline.
 */
@Path("wechat/{account}")
public final class WeChatCallbackResource {
    private final WeChatRuntime runtime;

    /**
     * Creates the resource.
     *
     * @param runtime the runtime
     */
    public WeChatCallbackResource(WeChatRuntime runtime) {
        this.runtime = runtime;
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
        return answer(new CallbackRequest(account, "GET", query(uri), null, forwardedFor(headers)));
    }

    /**
     * A message.
     *
     * @param account the account name
     * @param uri the request URI
     * @param headers the headers
     * @param body the body
     * @return the response
     * @throws IOException when the body cannot be read
     */
    @POST
    public Response message(@PathParam("account") String account, @Context UriInfo uri, @Context HttpHeaders headers,
            InputStream body) throws IOException {
        byte[] data = body == null ? new byte[0] : body.readNBytes(MessageParser.DEFAULT_MAX_BYTES + 1);
        if (data.length > MessageParser.DEFAULT_MAX_BYTES) {
            return Response.status(413).type("text/plain;charset=UTF-8").entity("body too large").build();
        }
        return answer(new CallbackRequest(account, "POST", query(uri), data, forwardedFor(headers)));
    }

    private Response answer(CallbackRequest request) {
        CallbackResponse r = runtime.callback().handle(request);
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

    private static String forwardedFor(HttpHeaders headers) {
        String f = headers.getHeaderString("X-Forwarded-For");
        return f == null ? "" : f;
    }
}
