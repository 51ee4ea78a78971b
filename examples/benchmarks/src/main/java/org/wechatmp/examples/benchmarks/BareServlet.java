package org.wechatmp.examples.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** The limit: reads the body and writes a fixed reply of the size a real encrypted reply has. */
final class BareServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final byte[] reply;

    BareServlet(byte[] reply) {
        this.reply = reply.clone();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getInputStream().readAllBytes();
        resp.setStatus(200);
        resp.setContentType("application/xml; charset=utf-8");
        resp.setContentLength(reply.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(reply);
        }
    }
}
