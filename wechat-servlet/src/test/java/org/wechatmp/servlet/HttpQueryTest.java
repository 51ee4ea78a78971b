package org.wechatmp.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query and path parsing of the callback path: what the former split-and-decode parser gave, in one scan. */
class HttpQueryTest {
    @Test
    void plainWeChatParametersAreTakenAsTheyAre() {
        Map<String, String> q = Http.query("signature=abc123&timestamp=1700000000&nonce=99&openid=oU_x-1"
                + "&encrypt_type=aes&msg_signature=def");
        assertThat(q).containsExactlyInAnyOrderEntriesOf(Map.of("signature", "abc123", "timestamp", "1700000000",
                "nonce", "99", "openid", "oU_x-1", "encrypt_type", "aes", "msg_signature", "def"));
        assertThatThrownBy(() -> q.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void escapesAreDecodedTheFirstValueWinsAndMalformedPairsAreSkipped() {
        assertThat(Http.query("echostr=a%2Bb+c&nonce=1&nonce=2&&bad=%zz&k%3D=v=w&flag&=empty"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("echostr", "a+b c", "nonce", "1", "k=", "v=w", "flag", "",
                        "", "empty"));
        assertThat(Http.query("")).isEmpty();
        assertThat(Http.query((String) null)).isEmpty();
        assertThat(Http.query("&&&")).isEmpty();
    }

    @Test
    void manyParametersAgreeWithTheSplitParser() {
        StringBuilder qs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            qs.append("p").append(i % 25).append('=').append(i).append(i % 7 == 0 ? "%20x" : "").append('&');
        }
        assertThat(Http.query(qs.toString())).isEqualTo(splitParser(qs.toString())).hasSize(25);
    }

    @Test
    void segmentsAreTheNonEmptyPartsOfThePath() {
        assertThat(Http.segment("/demo", 0)).isEqualTo("demo");
        assertThat(Http.segment("/demo/", 0)).isEqualTo("demo");
        assertThat(Http.segment("/demo/", 1)).isNull();
        assertThat(Http.segment("//a//b/", 1)).isEqualTo("b");
        assertThat(Http.segment("/a/b/c", 2)).isEqualTo("c");
        assertThat(Http.segment("/", 0)).isNull();
        assertThat(Http.segment("", 0)).isNull();
        assertThat(Http.segment((String) null, 0)).isNull();
    }

    /** The parser this replaced, for comparison. */
    private static Map<String, String> splitParser(String qs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : qs.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // skipped
            }
        }
        return out;
    }
}
