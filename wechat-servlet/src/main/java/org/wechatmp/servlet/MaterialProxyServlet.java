package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.MediaDownload;

/**
 * Streams a permanent image or voice material with its content type: {@code GET <prefix>/<account>/<mediaId>}
 * (mount it at {@code /wechat-material/*}). Guarded by a {@link MaterialAccess} check, on by default. A video
 * answers a redirect to its download URL.
 */
public final class MaterialProxyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WeChatRuntime runtime;
    private final transient MaterialAccess access;

    /**
     * Creates the proxy.
     *
     * @param runtime the runtime
     * @param access who may read
     */
    public MaterialProxyServlet(WeChatRuntime runtime, MaterialAccess access) {
        this.runtime = Objects.requireNonNull(runtime);
        this.access = Objects.requireNonNull(access);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = Http.segment(req, 0);
        String mediaId = Http.segment(req, 1);
        Optional<Account> account = name == null ? Optional.empty() : runtime.account(name);
        if (account.isEmpty() || mediaId == null) {
            Http.text(resp, 404, "not found");
            return;
        }
        if (!access.allowed(req, account.get(), mediaId)) {
            Http.text(resp, 403, "forbidden");
            return;
        }
        try (MediaDownload media = runtime.client(account.get()).materials().download(mediaId)) {
            resp.setStatus(200);
            resp.setContentType(media.contentType());
            resp.setHeader("Cache-Control", "private, max-age=3600");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            if (media.contentLength() >= 0) {
                resp.setContentLengthLong(media.contentLength());
            }
            try (InputStream in = media.body(); OutputStream out = resp.getOutputStream()) {
                in.transferTo(out);
            }
        } catch (WeChatApiException e) {
            Http.text(resp, 404, "material not found");
        } catch (WeChatException e) {
            LoggerFactory.getLogger("wechat.views." + name).warn("material {} could not be served: {}", mediaId,
                    e.getMessage());
            if (!resp.isCommitted()) {
                Http.text(resp, 502, "material unavailable");
            }
        }
    }
}
