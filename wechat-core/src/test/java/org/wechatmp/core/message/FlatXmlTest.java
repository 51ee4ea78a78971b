package org.wechatmp.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fast path never disagrees with Woodstox: on every XML document in the shared vectors, on hand-made edge cases
 * and on 200,000 seeded mutations of them, it either declines ({@code null}) or gives exactly Woodstox's fields for a
 * document Woodstox accepts. And it really is taken for the usual callback shapes.
 */
class FlatXmlTest {
    static final String[] EDGES = {
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>",
        "<xml>\n  <A>1</A>\n  <B> two </B>\n</xml>\n",
        "<xml><A></A><B/><C><![CDATA[]]></C></xml>",
        "<xml><A>x<![CDATA[y]]>z</A><B> <![CDATA[ y ]]> </B></xml>",
        "<xml><A>1</A><A>2</A><A>3</A></xml>",
        "<xml><Content><![CDATA[你好 😀 emoji]]></Content><T>中文</T></xml>",
        "<xml><A>a &amp; b</A></xml>",
        "<xml><A>a > b</A></xml>",
        "<xml><A>]]></A></xml>",
        "<xml><A attr=\"1\">x</A></xml>",
        "<?xml version=\"1.0\"?><xml><A>1</A></xml>",
        "<!DOCTYPE xml [<!ENTITY e \"x\">]><xml><A>&e;</A></xml>",
        "<xml><A>1</A></xml><xml/>",
        "<xml><A>1</A></xml>trailing",
        "<xml><A>1</B></xml>",
        "<xml><A><B>nested</B></A></xml>",
        "<xml><A>a\r\nb</A></xml>",
        "<xml><A>\u0001</A></xml>",
        "<xml><A>\ud83d</A></xml>",
        "<xml><A><!-- c -->1</A></xml>",
        "<xml>text<A>1</A></xml>",
        "<xml></xml>",
        "<xml><A>1</A>",
        "\ufeff<xml><A>1</A></xml>",
        "<x:ml><A>1</A></x:ml>",
        "<xml><A>1</A></xml >",
    };

    static List<String> corpus() throws IOException {
        List<String> docs = new ArrayList<>(List.of(EDGES));
        Pattern xml = Pattern.compile("<xml>.*?</xml>", Pattern.DOTALL);
        for (String name : List.of("crypto.json", "replies.json", "signature.json", "client_behaviour.json")) {
            try (InputStream in = FlatXmlTest.class.getResourceAsStream("/vectors/" + name)) {
                if (in == null) {
                    continue;
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/");
                Matcher m = xml.matcher(text);
                while (m.find()) {
                    docs.add(m.group());
                }
            }
        }
        return docs;
    }

    /** The fast path declines or agrees with Woodstox. */
    static void agrees(String doc) {
        char[] chars = doc.toCharArray();
        XmlFields fast = FlatXml.parse(chars, chars.length);
        if (fast == null) {
            return;
        }
        XmlFields full;
        try {
            full = SafeXml.woodstox(chars);
        } catch (MessageParseException e) {
            throw new AssertionError("the fast path accepted what Woodstox refuses: " + doc, e);
        }
        assertThat(fast).as(doc).isEqualTo(full);
        assertThat(fast.asMap()).as(doc).isEqualTo(full.asMap());
    }

    @Test
    void agreesWithWoodstoxOnTheVectorsAndTheEdges() throws IOException {
        List<String> docs = corpus();
        assertThat(docs.size()).isGreaterThan(EDGES.length);
        int fast = 0;
        for (String d : docs) {
            agrees(d);
            if (FlatXml.parse(d.toCharArray(), d.length()) != null) {
                fast++;
            }
        }
        assertThat(fast).as("documents the fast path read").isGreaterThan(docs.size() / 3);
        assertThat(FlatXml.parse(EDGES[0].toCharArray(), EDGES[0].length())).isNotNull();
        assertThat(FlatXml.parse(EDGES[5].toCharArray(), EDGES[5].length()).text("Content")).isEqualTo("你好 😀 emoji");
        assertThat(FlatXml.parse(EDGES[3].toCharArray(), EDGES[3].length()).text("A")).isEqualTo("xyz");
        assertThat(FlatXml.parse(EDGES[3].toCharArray(), EDGES[3].length()).text("B")).isEqualTo(" y ");
        assertThat(FlatXml.parse(EDGES[11].toCharArray(), EDGES[11].length())).isNull();
    }

    @Test
    void agreesWithWoodstoxOnSeededMutations() throws IOException {
        List<String> docs = corpus();
        String alphabet = "<>&;![]CDAT/ =\"'\r\n\t\u0000é😀x?-";
        Random r = new Random(20261130);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder d = new StringBuilder(docs.get(r.nextInt(docs.size())));
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits && d.length() > 0; e++) {
                int at = r.nextInt(d.length());
                switch (r.nextInt(3)) {
                    case 0 -> d.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> d.deleteCharAt(at);
                    default -> d.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            agrees(d.toString());
        }
    }

    @Test
    void theBytePathRefusesMalformedUtf8AsBefore() {
        byte[] bad = "<xml><A>x</A></xml>".getBytes(StandardCharsets.UTF_8);
        bad[9] = (byte) 0xC3; // a lead byte with no continuation
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SafeXml.parse(bad, 1 << 20))
                .isInstanceOf(MessageParseException.class);
        byte[] good = EDGES[5].getBytes(StandardCharsets.UTF_8);
        assertThat(SafeXml.parse(good, 1 << 20).text("T")).isEqualTo("中文");
    }
}
