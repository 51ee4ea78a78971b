package org.wechatmp.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, hostile and oversized input: always a {@link MessageParseException}, never a leak or a hang. */
class HostileXmlTest {
    final MessageParser parser = MessageParser.defaults();

    @Test
    void refusesMalformedXml() {
        for (String bad : new String[] {"<xml><a></xml>", "not xml", "<xml>", "<xml></xml><xml></xml>",
                "<xml><MsgType>text</MsgType>"}) {
            assertThatThrownBy(() -> parser.parse(bad)).as(bad).isInstanceOf(MessageParseException.class);
        }
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(MessageParseException.class);
        assertThatThrownBy(() -> parser.parse((String) null)).isInstanceOf(MessageParseException.class);
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(MessageParseException.class);
    }

    @Test
    void refusesAnXxePayloadThatReadsALocalFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<xml><MsgType>text</MsgType><Content>&xxe;</Content></xml>";
        assertThatThrownBy(() -> parser.parse(xxe)).isInstanceOf(MessageParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MessageParseException.class);
    }

    @Test
    void refusesAnExternalDtd() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\">"
                + "<xml><MsgType>text</MsgType></xml>";
        assertThatThrownBy(() -> parser.parse(xml)).isInstanceOf(MessageParseException.class);
    }

    @Test
    void refusesUndeclaredEntityReferences() {
        assertThatThrownBy(() -> parser.parse("<xml><Content>&foo;</Content></xml>"))
                .isInstanceOf(MessageParseException.class);
    }

    @Test
    void refusesBillionLaughsQuickly() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                b.append('&').append(prev).append(';');
            }
            b.append("\">");
            prev = "lol" + i;
        }
        b.append("]><xml><Content>&lol9;</Content></xml>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> parser.parse(b.toString())).isInstanceOf(MessageParseException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void refusesOversizedBodies() {
        String big = "<xml><Content>" + "a".repeat(MessageParser.DEFAULT_MAX_BYTES) + "</Content></xml>";
        assertThatThrownBy(() -> parser.parse(big)).isInstanceOf(MessageParseException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> parser.parse(big.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MessageParseException.class).hasMessageContaining("exceeds");
        // multi-byte characters count as their UTF-8 size
        String cjk = "<xml><Content>" + "中".repeat(MessageParser.DEFAULT_MAX_BYTES / 3 + 10) + "</Content></xml>";
        assertThatThrownBy(() -> parser.parse(cjk)).isInstanceOf(MessageParseException.class);
        assertThat(MessageParser.withMaxBytes(1 << 20).parse(big)).isNotNull();
    }

    @Test
    void refusesDeepNesting() {
        String deep = "<xml>" + "<a>".repeat(100) + "x" + "</a>".repeat(100) + "</xml>";
        assertThatThrownBy(() -> parser.parse(deep)).isInstanceOf(MessageParseException.class);
    }
}
