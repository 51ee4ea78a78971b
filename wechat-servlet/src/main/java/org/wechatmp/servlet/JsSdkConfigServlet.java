package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.web.JsSdkScript;
import org.wechatmp.core.web.WebErrors;

/**
 * A script that configures the JS-SDK for the page including it:
 * {@code <script src="/wechat-jssdk/<account>/config.js?apis=updateAppMessageShareData,chooseImage">}. The inputs
 * ({@code url} or the {@code Referer}, {@code apis}, {@code debug}) are read by the core {@link JsSdkScript}, the same
 * as in the JAX-RS adapter. Service accounts only.
 */
public final class JsSdkConfigServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WeChatRuntime runtime;

    /**
     * Creates the servlet.
     *
     * @param runtime the runtime
     */
    public JsSdkConfigServlet(WeChatRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Map<String, String> q = Http.query(req);
            Web.write(resp, JsSdkScript.answer(runtime, Http.segment(req, 0), q.get("url"), q.get("apis"),
                    q.get("debug"), req.getHeader("Referer")));
        } catch (RuntimeException e) {
            Web.write(resp, WebErrors.failure(500, "JS-SDK script failed", "jssdk", e));
        }
    }
}
