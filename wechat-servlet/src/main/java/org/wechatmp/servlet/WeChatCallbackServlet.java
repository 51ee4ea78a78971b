package org.wechatmp.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackAdmission;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.web.ClientAddress;
import org.wechatmp.core.web.WebDefaults;
import org.wechatmp.core.web.WebSettings;

/**
 * The callback endpoint: {@code GET|POST <prefix>/<account>[/]} (mount it at {@code /wechat/*}, async supported). It
 * translates HTTP into the core {@link org.wechatmp.core.callback.WeChatCallback} and back, in two stages: the query
 * (account, signature, timestamp) and the declared {@code Content-Length} are checked before the body is touched, so
 * an unsigned or oversized request is answered at once (no {@code 100 Continue}, no thread held for its body); an
 * admitted body already received whole is read at once; otherwise it is read without blocking ({@code ReadListener})
 * under the pipeline's body deadline (default 5 s):
 * too large 413, shorter than declared or a broken chunk 400, late 408. Without async support the body is read on
 * the request thread under the same deadline.
 *
 * <p>The client address the pipeline logs (and listeners and the message log see) follows the core rule,
 * {@link ClientAddress}: {@code X-Forwarded-For} counts only from a trusted proxy of the {@link WebSettings} (none by
 * default, so the TCP peer). The resolved address is also the request attribute {@link ClientAddress#ATTRIBUTE}.
 */
public final class WeChatCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WeChatRuntime runtime;
    private final transient WebSettings web;
    /** The largest callback body accepted, in bytes. */
    private final int maxBodyBytes;
    private transient ScheduledExecutorService timer;

    /**
     * Creates the servlet with {@link WebSettings#defaults()} (no trusted proxy) and
     * {@link WebDefaults#MAX_BODY_BYTES}.
     *
     * @param runtime the runtime
     */
    public WeChatCallbackServlet(WeChatRuntime runtime) {
        this(runtime, WebSettings.defaults());
    }

    /**
     * Creates the servlet with {@link WebDefaults#MAX_BODY_BYTES}.
     *
     * @param runtime the runtime
     * @param web the settings; their trusted proxies decide whether {@code X-Forwarded-For} is believed
     */
    public WeChatCallbackServlet(WeChatRuntime runtime, WebSettings web) {
        this(runtime, web, WebDefaults.MAX_BODY_BYTES);
    }

    /**
     * Creates the servlet with {@link WebSettings#defaults()} (no trusted proxy).
     *
     * @param runtime the runtime
     * @param maxBodyBytes the largest body accepted (the pipeline's own limit applies too)
     */
    public WeChatCallbackServlet(WeChatRuntime runtime, int maxBodyBytes) {
        this(runtime, WebSettings.defaults(), maxBodyBytes);
    }

    /**
     * Creates the servlet.
     *
     * @param runtime the runtime
     * @param web the settings; their trusted proxies decide whether {@code X-Forwarded-For} is believed
     * @param maxBodyBytes the largest body accepted (the pipeline's own limit applies too)
     */
    public WeChatCallbackServlet(WeChatRuntime runtime, WebSettings web, int maxBodyBytes) {
        this.runtime = Objects.requireNonNull(runtime);
        this.web = Objects.requireNonNull(web);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void init() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wechat-callback-body-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
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
        long declared = req.getContentLengthLong();
        String client = web.clientAddress(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
        req.setAttribute(ClientAddress.ATTRIBUTE, client);
        // stage one: nothing of the body has been read (getInputStream is not even called)
        CallbackAdmission admission = runtime.callback().admit(account, req.getMethod(), Http.query(req), client,
                declared);
        if (admission.answered()) {
            Http.write(resp, admission.response());
        } else if (declared > maxBodyBytes) {
            Http.write(resp, admission.bodyTooLarge()); // this servlet's own, smaller limit; counted as the pipeline's
        } else if (req.isAsyncSupported() && timer != null) {
            int max = Math.min(maxBodyBytes, admission.maxBodyBytes());
            CallbackResponse arrived = AsyncBody.readArrived(req, admission, declared, max);
            if (arrived != null) {
                Http.write(resp, arrived);
            } else {
                AsyncBody.start(req, admission, declared, max, timer);
            }
        } else {
            Http.write(resp, admission.read(req.getInputStream(), declared, maxBodyBytes));
        }
    }
}
