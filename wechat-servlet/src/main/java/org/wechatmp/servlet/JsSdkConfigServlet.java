package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;

/**
 * A script that configures the JS-SDK for the page including it:
 * {@code <script src="/wechat-jssdk/<account>/config.js?apis=updateAppMessageShareData,chooseImage">}. The page URL
 * is the {@code url} parameter, or the {@code Referer}. Service accounts only.
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
        String name = Http.segment(req, 0);
        Optional<Account> account = name == null ? Optional.empty() : runtime.account(name);
        if (account.isEmpty()) {
            Http.text(resp, 404, "unknown account");
            return;
        }
        if (account.get().type() != Account.Type.SERVICE) {
            Http.text(resp, 403, "the JS-SDK needs a service account");
            return;
        }
        Map<String, String> q = Http.query(req);
        String url = q.getOrDefault("url", req.getHeader("Referer"));
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            Http.text(resp, 400, "missing page url");
            return;
        }
        byte[] body;
        try {
            body = runtime.client(account.get()).jsapi().configScript(url,
                    java.util.Arrays.asList(q.getOrDefault("apis", "").split(",")), "true".equals(q.get("debug")))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (WeChatException e) {
            Http.text(resp, 502, "JS-SDK ticket unavailable");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/javascript;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
