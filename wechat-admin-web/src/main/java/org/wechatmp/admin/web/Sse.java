package org.wechatmp.admin.web;

import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;

/** What the server-sent event streams ({@link JobStream}, {@link ConversationStream}) write and release alike. */
final class Sse {
    private Sse() {
    }

    /** One event whose data is an HTML fragment, put on one line. */
    static void event(AsyncContext ac, String event, String html) throws IOException {
        String data = html.replace("\r", "").replace("\n", " ");
        OutputStream out = ac.getResponse().getOutputStream();
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A comment line: it finds a client that went away. */
    static void keepAlive(AsyncContext ac) throws IOException {
        OutputStream out = ac.getResponse().getOutputStream();
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends a stream: releases its subscription, stops its keep-alive and completes the response (once). */
    static void release(AutoCloseable subscription, ScheduledFuture<?> ticks, AsyncContext ac, Logger log) {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("unsubscribe failed", e);
            }
        }
        if (ticks != null) {
            ticks.cancel(false);
        }
        try {
            ac.complete();
        } catch (IllegalStateException e) {
            // already completed
        }
    }
}
