package org.wechatmp.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Vectors;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;

/** Every case of {@code crypto.json} and {@code signature.json}. */
class CryptoVectorsTest {

    static Stream<Arguments> cryptoCases() {
        return Vectors.cases("crypto.json").stream().map(c -> Arguments.of(c.path("id").asText(), c));
    }

    static Stream<Arguments> signatureCases() {
        return Vectors.cases("signature.json").stream().map(c -> Arguments.of(c.path("id").asText(), c));
    }

    @Test
    void everyVectorFileCaseIsRecognised() {
        assertThat(Vectors.cases("crypto.json")).hasSize(11);
        assertThat(Vectors.cases("signature.json")).hasSizeGreaterThanOrEqualTo(21);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cryptoCases")
    void cryptoVector(String id, JsonNode c) {
        JsonNode expected = c.path("expected");
        if (id.startsWith("wxa_")) {
            JsonNode json = MiniProgramCrypto.decryptUserData(c.path("session_key").asText(), c.path("iv").asText(),
                    c.path("encrypted_data").asText(), c.path("app_id").asText());
            assertThat(json).isEqualTo(expected.path("decrypted"));
            assertThatThrownBy(() -> MiniProgramCrypto.decryptUserData(c.path("session_key").asText(),
                    c.path("iv").asText(), c.path("encrypted_data").asText(), "wx0000000000000000"))
                    .isInstanceOf(WeChatCryptoException.class)
                    .extracting(e -> ((WeChatCryptoException) e).reason())
                    .isEqualTo(WeChatCryptoException.Reason.BAD_APPID);
            return;
        }
        WeChatCrypto crypto = WeChatCrypto.of(c.path("token").asText(), c.path("encoding_aes_key").asText(),
                c.path("app_id").asText());
        String timestamp = c.path("timestamp").asText();
        String nonce = c.path("nonce").asText();

        if (c.has("echostr")) {
            // the echostr check of the work-style API: msg_signature over echostr, then decrypt
            if (expected.path("ok").asBoolean()) {
                byte[] plain = crypto.verifyAndDecrypt(c.path("msg_signature").asText(), timestamp, nonce,
                        c.path("echostr").asText());
                assertThat(new String(plain, StandardCharsets.UTF_8))
                        .isEqualTo(expected.path("echostr_plaintext").asText());
            } else {
                assertReason(() -> crypto.verifyAndDecrypt(c.path("msg_signature").asText(), timestamp, nonce,
                        c.path("echostr").asText()), WeChatCryptoException.Reason.BAD_SIGNATURE, expected);
            }
        } else if (c.has("random_16")) {
            byte[] random = c.path("random_16").asText().getBytes(StandardCharsets.US_ASCII);
            String plaintext = c.path("plaintext").asText();
            String encrypt = crypto.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), random);
            assertThat(crypto.envelope(encrypt, timestamp, nonce)).isEqualTo(expected.path("encrypted_xml").asText());
            if (expected.has("encrypt")) {
                assertThat(encrypt).isEqualTo(expected.path("encrypt").asText());
                assertThat(Signatures.messageSignature(c.path("token").asText(), timestamp, nonce, encrypt))
                        .isEqualTo(expected.path("msg_signature").asText());
            }
            assertThat(new String(crypto.decrypt(encrypt), StandardCharsets.UTF_8)).isEqualTo(plaintext);
        } else {
            XmlFields envelope = MessageParser.defaults().parseFields(c.path("encrypted_xml").asText());
            String encrypt = envelope.text("Encrypt");
            if (expected.has("raises")) {
                WeChatCryptoException.Reason reason = expected.path("raises").asText().contains("AppId")
                        ? WeChatCryptoException.Reason.BAD_APPID : WeChatCryptoException.Reason.BAD_SIGNATURE;
                assertReason(() -> crypto.verifyAndDecrypt(c.path("msg_signature").asText(), timestamp, nonce,
                        encrypt), reason, expected);
            } else {
                byte[] plain = crypto.verifyAndDecrypt(c.path("msg_signature").asText(), timestamp, nonce, encrypt);
                assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(expected.path("plaintext").asText());
                XmlFields msg = MessageParser.defaults().parseFields(plain);
                expected.path("test_asserts").fields().forEachRemaining(
                        e -> assertThat(msg.text(e.getKey())).isEqualTo(e.getValue().asText()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureCases")
    void signatureVector(String id, JsonNode c) {
        JsonNode expected = c.path("expected");
        String kind = c.path("kind").asText();
        if (kind.startsWith("server_url_signature")) {
            boolean valid = expected.path("valid").asBoolean();
            String computed = Signatures.callbackSignature(c.path("token").asText(), c.path("timestamp").asText(),
                    c.path("nonce").asText());
            assertThat(computed).isEqualTo(c.path("derived").path("computed").asText());
            assertThat(Signatures.matches(computed, c.path("signature").asText())).isEqualTo(valid);
            if (valid) {
                WeChatCrypto.checkCallbackSignature(c.path("token").asText(), c.path("signature").asText(),
                        c.path("timestamp").asText(), c.path("nonce").asText());
            } else {
                assertReason(() -> WeChatCrypto.checkCallbackSignature(c.path("token").asText(),
                        c.path("signature").asText(), c.path("timestamp").asText(), c.path("nonce").asText()),
                        WeChatCryptoException.Reason.BAD_SIGNATURE, expected);
            }
        } else if (kind.startsWith("WeChatSigner")) {
            List<String> items = strings(c.path("items_in_add_order"));
            assertThat(Signatures.sha1OfSorted(items.toArray(String[]::new)))
                    .isEqualTo(expected.path("signature").asText());
        } else if (kind.startsWith("jsapi")) {
            assertThat(Signatures.jsapiSignature(c.path("jsapi_ticket").asText(), c.path("noncestr").asText(),
                    c.path("timestamp").asLong(), c.path("url").asText()))
                    .isEqualTo(expected.path("signature").asText());
        } else if (kind.startsWith("card ext")) {
            assertThat(Signatures.sha1OfSorted(c.path("nonce_str").asText(), c.path("api_ticket").asText(),
                    c.path("timestamp").asText(), c.path("code").asText(), c.path("openid").asText(),
                    c.path("card_id").asText())).isEqualTo(expected.path("signature").asText());
        } else if (kind.startsWith("mini-program")) {
            String computed = Signatures.sha1(c.path("raw_data").asText() + c.path("session_key").asText());
            assertThat(Signatures.matches(computed, c.path("signature").asText()))
                    .isEqualTo(expected.path("valid").asBoolean(true));
        } else if (kind.startsWith("msg_signature")) {
            String computed = Signatures.messageSignature(c.path("token").asText(), c.path("timestamp").asText(),
                    c.path("nonce").asText(), c.path("encrypt").asText());
            assertThat(computed).isEqualTo(expected.path("computed").asText());
            assertThat(Signatures.matches(computed, c.path("signature").asText()))
                    .isEqualTo(expected.path("valid").asBoolean());
        } else {
            throw new AssertionError("unrecognised signature case " + id + ": " + kind);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertReason(Runnable call, WeChatCryptoException.Reason reason, JsonNode expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WeChatCryptoException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            if (expected.has("errcode")) {
                assertThat(e.errcode()).isEqualTo(expected.path("errcode").asInt());
            }
        });
    }
}
