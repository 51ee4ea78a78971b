package org.wechatmp.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.ReplyEngine;

/** Request values cannot forge log lines: control characters are escaped and values are cut. */
class LogSafeTest {
    @Test
    void controlCharactersAreEscapedAndLongValuesCut() {
        assertThat(LogSafe.of("plain value")).isEqualTo("plain value");
        assertThat(LogSafe.of("a\r\nb\tc\u0000d\u007fe\u2028f\u0085")).isEqualTo(
                "a\\r\\nb\\tc\\u0000d\\u007fe\\u2028f\\u0085");
        assertThat(LogSafe.of(null)).isEqualTo("null");
        String cut = LogSafe.of("x".repeat(5_000));
        assertThat(cut).startsWith("x".repeat(LogSafe.MAX)).endsWith("...(5000 chars)")
                .hasSizeLessThan(LogSafe.MAX + 20);
        Map<String, String> q = new HashMap<>();
        q.put("nonce\r\nkey", "v\nw");
        assertThat(LogSafe.query(q)).isEqualTo("{nonce\\r\\nkey=v\\nw}");
    }

    @Test
    void aForgedLineInAnUnsignedRequestStaysOnOneLine() throws Exception {
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry(Account.of("logsafe", "wx1", "", "tok"));
        try (WeChatCallback c = WeChatCallback.builder(accounts, ReplyEngine.builder(new InMemoryHandlerRepository())
                .build()).build()) {
            SignedCallback good = CallbackSigner.plain("tok").message("<xml/>");
            Map<String, String> q = new HashMap<>(good.query());
            q.put("signature", "bad\r\nFORGED-SIG 2026 [main] WARN wechat.handler.logsafe - all fine");
            q.put("nonce", "n\nFORGED-NONCE");
            assertThat(c.handle(new CallbackRequest("logsafe", "POST", q, new byte[0], "1.2.3.4\r\nFORGED-IP"))
                    .status()).isEqualTo(403);
            assertThat(c.handle(new CallbackRequest("nobody\r\nFORGED-ACCOUNT", "POST", q, new byte[0], ""))
                    .status()).isEqualTo(404);
        }
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-debug.log"));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("bad\\r\\nFORGED-SIG").contains("FORGED-IP"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("nobody\\r\\nFORGED-ACCOUNT"));
        assertThat(lines).noneMatch(l -> l.startsWith("FORGED"));
    }
}
