package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live threads' bounds: streams are counted and released, and the callback thread never waits for a client. */
class ConversationLiveTest {
    final ConversationLive live = new ConversationLive();

    @AfterEach
    void stop() {
        live.close();
    }

    /** A fake async request whose output goes to {@code out}, blocking each write until {@code gate} opens. */
    static final class Client {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CountDownLatch gate;
        final AtomicBoolean completed = new AtomicBoolean();
        final List<AsyncListener> listeners = new ArrayList<>();
        final AsyncContext ac;

        Client(boolean slow) {
            gate = new CountDownLatch(slow ? 1 : 0);
            ServletOutputStream os = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                }

                @Override
                public void write(int b) throws IOException {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    synchronized (out) {
                        out.write(b);
                    }
                }
            };
            ServletResponse resp = (ServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServletResponse.class}, (p, m, a) -> "getOutputStream".equals(m.getName()) ? os
                            : null);
            ac = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                    (p, m, a) -> {
                        switch (m.getName()) {
                            case "getResponse" -> {
                                return resp;
                            }
                            case "addListener" -> {
                                listeners.add((AsyncListener) a[0]);
                                return null;
                            }
                            case "complete" -> {
                                completed.set(true);
                                return null;
                            }
                            default -> {
                                return null;
                            }
                        }
                    });
        }

        String text() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    static ConversationRow row(String openid, String text) {
        return new ConversationRow(0, Instant.EPOCH, true, openid, "", "text", "", "", text, "");
    }

    ConversationStream stream(Client c) {
        return new ConversationStream(c.ac, live.executor(), r -> "<p>" + r.summary() + "</p>", r -> "<box/>");
    }

    @Test
    void aLineReachesOnlyItsThreadAndClosingReleasesTheSubscription() throws Exception {
        Client a = new Client(false);
        Client b = new Client(false);
        ConversationStream sa = stream(a);
        ConversationStream sb = stream(b);
        sa.open(live.subscribe("acct", "o1", sa), true);
        sb.open(live.subscribe("acct", "o2", sb), false);
        assertThat(live.openStreams()).isEqualTo(2);
        live.push("acct", row("o1", "你好"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!a.text().contains("你好") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(a.text()).contains("event: message\ndata: <p>你好</p>\n\n").contains("event: window\ndata: <box/>");
        assertThat(b.text()).isEmpty();
        sa.close();
        sa.close();
        assertThat(a.completed).isTrue();
        assertThat(live.openStreams()).isEqualTo(1);
        b.listeners.forEach(l -> {
            try {
                l.onError(null); // the browser went away
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(live.openStreams()).isZero();
    }

    @Test
    void aSlowClientNeverBlocksTheCallbackThreadAndItsQueueIsBounded() throws Exception {
        Client slow = new Client(true);
        ConversationStream s = stream(slow);
        s.open(live.subscribe("acct", "o1", s), false);
        long t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            live.push("acct", row("o1", "line " + i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
        slow.gate.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.closed() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        // past the bound the stream asks the page to reload and ends, releasing its subscription
        assertThat(s.closed()).isTrue();
        assertThat(live.openStreams()).isZero();
        assertThat(slow.text()).contains("event: reload");
    }

    @Test
    void theNumberOfOpenStreamsIsBounded() {
        List<AutoCloseable> subs = new ArrayList<>();
        for (int i = 0; i < ConversationLive.MAX_STREAMS; i++) {
            subs.add(live.subscribe("acct", "o" + i, stream(new Client(false))));
        }
        assertThat(subs).doesNotContainNull();
        assertThat(live.subscribe("acct", "over", stream(new Client(false)))).isNull();
        assertThat(live.openStreams()).isEqualTo(ConversationLive.MAX_STREAMS);
    }
}
