package org.wechatmp.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new BareServlet("fixed".getBytes(StandardCharsets.UTF_8))), "/bare/*");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean first = seen.add(req.getQueryString());
                resp.setStatus(first ? 200 : 409);
                resp.getWriter().write(body);
            }
        }), "/echo/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static byte[][] pool(String prefix, int n) {
        byte[][] pool = new byte[n][];
        for (int i = 0; i < n; i++) {
            String body = "body-" + prefix + i;
            pool[i] = ("?id=" + prefix + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        }
        return pool;
    }

    @Test
    void eachDistinctRequestIsSentOnceAndTheRunStopsWhenThePoolIsUsedUp() throws Exception {
        int[] asked = {0};
        LoadGenerator.Result r = new LoadGenerator(port, 4).run("echo", "/echo/", pool("w", 200), n -> {
            asked[0] = n;
            return pool("m", 300);
        }, false, body -> body.startsWith("body-"), 1, 60);
        assertThat(asked[0]).isGreaterThanOrEqualTo(30_000);
        assertThat(r.requests()).isEqualTo(300);
        assertThat(r.exhausted()).isTrue();
        assertThat(r.bad()).isZero();
        assertThat(r.seconds()).isLessThan(60);
        assertThat(seen).hasSize(500);
        assertThat(r.p50Micros()).isPositive().isLessThanOrEqualTo(r.p99Micros());
        assertThat(r.p99Micros()).isLessThanOrEqualTo(r.maxMicros());
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
            // the measured period's CPU split by thread kind; the connection threads counted their own
            assertThat(r.cpuByThreads()).containsKeys("server", "load", "gc", "jit", "other", "database");
            assertThat(r.cpuByThreads().get("load")).isPositive();
        }
    }

    @Test
    void repeatedOrWrongAnswersAreCountedAsBad() throws Exception {
        byte[][] same = pool("s", 1);
        LoadGenerator.Result r = new LoadGenerator(port, 2).run("echo", "/echo/", same, n -> same, true,
                body -> body.startsWith("body-"), 1, 1);
        assertThat(r.requests()).isPositive();
        // only the very first delivery of the one request is new; everything after it is a 409
        assertThat(r.bad()).isPositive();
        LoadGenerator.Result wrong = new LoadGenerator(port, 2).run("bare", "/bare/", same, n -> same, true,
                body -> body.equals("other"), 0, 1);
        assertThat(wrong.bad()).isEqualTo(wrong.requests()).isPositive();
    }

    @Test
    void theWarmUpRunsInSlicesOfNewRequestsBetweenItsShortestAndLongestLength() throws Exception {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        LoadGenerator generator = new LoadGenerator(port, 2);
        LoadGenerator.Target target = new LoadGenerator.Target("echo", "/echo/", false,
                body -> body.startsWith("body-"));
        LoadGenerator.Warm warm = generator.warmUntilCompiled(target, n -> {
            asked.add(n);
            return pool("slice" + asked.size() + "-", 500);
        }, 2, 3, 10);
        // a slice lasts a second or until its requests are used up; the next one is sized by the last one's rate
        assertThat(asked).hasSizeGreaterThanOrEqualTo(2);
        assertThat(asked.get(0)).isEqualTo(20_000);
        assertThat(asked.get(1)).isPositive();
        assertThat(warm.seconds()).isBetween(2.0, 5.0);
        assertThat(warm.requests()).isEqualTo(seen.size()).isPositive();
        assertThat(warm.wanted()).isGreaterThanOrEqualTo(30_000);
        assertThat(warm.jitMillisPerSecond()).isNotNegative();
        assertThat(generator.result(target).bad()).isZero();
    }
}
