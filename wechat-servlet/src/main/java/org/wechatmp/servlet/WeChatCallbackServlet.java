package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.message.MessageParser;

/**
 * The callback endpoint: {@code GET|POST <prefix>/<account>[/]} (mount it at {@code /wechat/*}). It only translates
 * HTTP into the core {@link org.wechatmp.core.callback.WeChatCallback} and back; bodies over the limit get 413.
 */
public final class WeChatCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WeChatRuntime runtime;
    private final int maxBodyBytes;

    /**
     * Creates the servlet with the parser's default body limit.
     *
     * @param runtime the runtime
     */
    public WeChatCallbackServlet(WeChatRuntime runtime) {
        this(runtime, MessageParser.DEFAULT_MAX_BYTES);
    }

    /**
     * Creates the servlet.
     *
     * @param runtime the runtime
     * @param maxBodyBytes the largest body accepted
     */
    public WeChatCallbackServlet(WeChatRuntime runtime, int maxBodyBytes) {
        this.runtime = Objects.requireNonNull(runtime);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String account = Http.segment(req, 0);
        if (account == null || Http.segment(req, 1) != null) {
            Http.text(resp, 404, "unknown account");
            return;
        }
        if (!"GET".equals(req.getMethod()) && !"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, POST");
            Http.text(resp, 405, "method not allowed");
            return;
        }
        byte[] body = "POST".equals(req.getMethod()) ? Http.body(req, maxBodyBytes) : new byte[0];
        if (body == null) {
            Http.text(resp, 413, "body too large");
            return;
        }
        CallbackResponse r = runtime.callback().handle(new CallbackRequest(account, req.getMethod(), Http.query(req),
                body, req.getRemoteAddr()));
        byte[] bytes = r.bodyBytes();
        resp.setStatus(r.status());
        resp.setContentType(r.contentType());
        resp.setContentLength(bytes.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(bytes);
            out.flush();
            resp.flushBuffer();
        } finally {
            r.afterResponse();
        }
    }
}
