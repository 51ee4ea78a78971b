package org.wechatmp.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;

/**
 * Slow bodies cannot starve the callback servlet, on a real Jetty 12 with its default thread pool (200 threads):
 * 220 unsigned connections that declare 1,000 bytes and send 10 are refused before their bodies are read, and a
 * valid callback sent meanwhile is answered at once. Admitted bodies are read under the body deadline.
 */
class SlowBodyJettyTest {
    static final String TOKEN = "slow-token";

    Server server;
    WeChatRuntime runtime;
    int port;
    final List<Socket> sockets = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry(Account.of("plain", "wx1", "", TOKEN));
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        handlers.save("plain", Handler.builder("hello").rule(Rule.contains("hello")).reply(HandlerReply.text("hi"))
                .build());
        runtime = WeChatRuntime.builder(accounts).handlers(handlers)
                .callback(b -> b.bodyDeadline(Duration.ofSeconds(1))).build();
        server = new Server(); // the default QueuedThreadPool: 200 threads
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, ctx) -> WeChatServlets.register(ctx, runtime));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.stop();
        runtime.close();
    }

    static String text(String content, long id) {
        return "<xml><ToUserName>gh</ToUserName><FromUserName>oU</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content><![CDATA["
                + content + "]]></Content><MsgId>" + id + "</MsgId></xml>";
    }

    /** Opens a connection that sends the head and the first bytes of a body, then holds it open. */
    Socket slow(String query, String extraHeaders, int declared, byte[] firstBytes) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /wechat/plain?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                + extraHeaders + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(firstBytes);
        out.flush();
        return s;
    }

    static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().trim();
    }

    HttpResponse<String> post(SignedCallback req) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wechat/plain?"
                + req.queryString())).timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(req.body())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void unsignedSlowBodiesAreRefusedBeforeTheBodyAndDoNotStarveAValidCallback() throws Exception {
        assertThat(post(CallbackSigner.plain(TOKEN).message(text("hello", 100))).statusCode()).isEqualTo(200); // warm
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        for (int i = 0; i < 220; i++) {
            slow("signature=" + "0".repeat(40) + "&timestamp=" + ts + "&nonce=slow" + i, "", 1_000,
                    "0123456789".getBytes(StandardCharsets.US_ASCII));
        }
        long start = System.nanoTime();
        HttpResponse<String> r = post(CallbackSigner.plain(TOKEN).message(text("hello", 1)));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("servlet on Jetty: valid callback answered in " + millis + " ms beside 220 slow bodies");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(MessageParser.defaults().parseFields(r.body()).text("Content")).isEqualTo("hi");
        assertThat(millis).isLessThan(3_000);
        for (Socket s : sockets) {
            assertThat(statusLine(s)).isEqualTo("HTTP/1.1 403 Forbidden");
        }
    }

    @Test
    void anAdmittedBodyIsReadUnderTheDeadlineAndAShortOneIs400() throws Exception {
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello", 2));
        Socket trickle = slow(req.queryString(), "", 1_000, "<xml>".getBytes(StandardCharsets.US_ASCII));
        assertThat(statusLine(trickle)).isEqualTo("HTTP/1.1 408 Request Timeout"); // after the 1 s body deadline
        SignedCallback req2 = CallbackSigner.plain(TOKEN).message(text("hello", 3));
        Socket cut = slow(req2.queryString(), "", 1_000, "<xml>".getBytes(StandardCharsets.US_ASCII));
        cut.shutdownOutput(); // the body ends before its Content-Length
        String line = statusLine(cut);
        assertThat(line).isEqualTo("HTTP/1.1 400 Bad Request");
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413WithoutContinue() throws Exception {
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello", 4));
        Socket big = slow(req.queryString(), "Expect: 100-continue\r\n", 10_000_000, new byte[0]);
        assertThat(statusLine(big)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        Map<String, String> unsigned = Map.of("signature", "0".repeat(40));
        Socket refused = slow("signature=" + unsigned.get("signature") + "&timestamp=1&nonce=n",
                "Expect: 100-continue\r\n", 500, new byte[0]);
        assertThat(statusLine(refused)).isEqualTo("HTTP/1.1 403 Forbidden");
    }

    @Test
    void withoutAsyncTheServletsOwnLimitHoldsForAChunkedBodyToo() throws Exception {
        Server plain = new Server();
        ServerConnector connector = new ServerConnector(plain);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        plain.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        org.eclipse.jetty.ee10.servlet.ServletHolder holder = new org.eclipse.jetty.ee10.servlet.ServletHolder(
                new WeChatCallbackServlet(runtime, 2_000));
        holder.setAsyncSupported(false);
        context.addServlet(holder, "/wechat/*");
        plain.setHandler(context);
        plain.start();
        try {
            SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello " + "x".repeat(3_000), 5));
            byte[] body = req.body().getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /wechat/plain?" + req.queryString() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Payload Too Large");
            }
            SignedCallback small = CallbackSigner.plain(TOKEN).message(text("hello", 6));
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + connector.getLocalPort() + "/wechat/plain?" + small.queryString()))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(small.body())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(ok.statusCode()).isEqualTo(200);
        } finally {
            plain.stop();
        }
    }
}
