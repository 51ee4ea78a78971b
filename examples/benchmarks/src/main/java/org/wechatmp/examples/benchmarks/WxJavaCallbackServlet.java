package org.wechatmp.examples.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import me.chanjar.weixin.mp.api.WxMpMessageRouter;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * The peer: what a WxJava 4.7.0 app's callback controller does, as a plain servlet ({@code checkSignature}, then
 * {@code WxMpXmlMessage.fromEncryptedXml}, then {@code WxMpMessageRouter.route} with one sync rule, then
 * {@code toEncryptedXml}), on the in-memory config and WxJava's default in-memory duplicate checker.
 */
final class WxJavaCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WxMpDefaultConfigImpl config;
    private final transient WxMpService service;
    private final transient WxMpMessageRouter router;

    WxJavaCallbackServlet(String appId, String token, String aesKey, String reply) {
        config = new WxMpDefaultConfigImpl();
        config.setAppId(appId);
        config.setSecret("unused");
        config.setToken(token);
        config.setAesKey(aesKey);
        WxMpServiceImpl s = new WxMpServiceImpl();
        s.setWxMpConfigStorage(config);
        service = s;
        router = new WxMpMessageRouter(service);
        router.rule().async(false).msgType("text").handler((msg, ctx, svc, sessions) -> WxMpXmlOutMessage.TEXT()
                .content(reply).fromUser(msg.getToUser()).toUser(msg.getFromUser()).build()).end();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String timestamp = req.getParameter("timestamp");
        String nonce = req.getParameter("nonce");
        if (!service.checkSignature(timestamp, nonce, req.getParameter("signature"))) {
            resp.sendError(400, "bad signature");
            return;
        }
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String out;
        if ("aes".equals(req.getParameter("encrypt_type"))) {
            WxMpXmlMessage in = WxMpXmlMessage.fromEncryptedXml(body, config, timestamp, nonce,
                    req.getParameter("msg_signature"));
            WxMpXmlOutMessage reply = router.route(in);
            out = reply == null ? "" : reply.toEncryptedXml(config);
        } else {
            WxMpXmlOutMessage reply = router.route(WxMpXmlMessage.fromXml(body));
            out = reply == null ? "" : reply.toXml();
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/xml; charset=utf-8");
        resp.setContentLength(bytes.length);
        try (OutputStream o = resp.getOutputStream()) {
            o.write(bytes);
        }
    }
}
