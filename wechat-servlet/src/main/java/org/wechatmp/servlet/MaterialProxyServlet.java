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
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.MediaDownload;
import org.wechatmp.core.web.MaterialFetch;
import org.wechatmp.core.web.WebAnswer;
import org.wechatmp.core.web.WebErrors;

/**
 * The material proxy, {@code GET <prefix>/<account>/<mediaId>} (mount it at {@code /wechat-material/*}), by the core
 * rules of {@link MaterialFetch}: an image or voice material is streamed with its content type, a video answers 302
 * to its download URL, news and an unknown media id (40007) are 404, and an upstream failure that survives the
 * client's token refresh and retry is 502 with an error id. Guarded by a {@link MaterialAccess} check (403), on by
 * default.
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
        MaterialFetch result;
        try {
            Optional<Account> account = name == null ? Optional.empty() : runtime.account(name);
            if (account.isEmpty() || mediaId == null || Http.segment(req, 2) != null) {
                Web.write(resp, WebAnswer.text(404, "not found"));
                return;
            }
            if (!access.allowed(req, account.get(), mediaId)) {
                Web.write(resp, WebAnswer.text(403, "forbidden"));
                return;
            }
            result = MaterialFetch.fetch(runtime.client(account.get()), name, mediaId);
        } catch (RuntimeException e) {
            Web.write(resp, WebErrors.failure(500, "material unavailable", "material proxy", e));
            return;
        }
        if (result instanceof MaterialFetch.Refused r) {
            Web.write(resp, r.answer());
        } else if (result instanceof MaterialFetch.Redirect r) {
            resp.setStatus(302);
            resp.setHeader("Location", r.url());
            resp.setHeader("Cache-Control", "private, max-age=300");
        } else if (result instanceof MaterialFetch.File f) {
            stream(resp, f.media(), name + "/" + mediaId);
        }
    }

    private static void stream(HttpServletResponse resp, MediaDownload media, String what) throws IOException {
        try (media) {
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
        } catch (IOException | RuntimeException e) {
            if (resp.isCommitted()) {
                LoggerFactory.getLogger(WebErrors.LOGGER).warn("material {} broke off while streaming: {}", what,
                        e.toString());
            } else {
                resp.reset();
                Web.write(resp, WebErrors.failure(502, "material unavailable", "material proxy " + what, e));
            }
        }
    }
}
