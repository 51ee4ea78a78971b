package org.wechatmp.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;

class CallbackSignerTest {
    static final String TOKEN = "tok";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String MSG = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]>"
            + "</FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + "<Content><![CDATA[hi 你好]]></Content><MsgId>42</MsgId></xml>";

    @Test
    void plainMessagesAreSignedOnly() {
        SignedCallback req = CallbackSigner.plain(TOKEN).message(MSG);
        assertThat(req.body()).isEqualTo(MSG);
        WeChatCrypto.checkCallbackSignature(TOKEN, req.query().get("signature"), req.query().get("timestamp"),
                req.query().get("nonce"));
        assertThat(req.query()).containsEntry("openid", "oUser").doesNotContainKey("encrypt_type");
    }

    @Test
    void safeModeSendsOnlyTheEnvelopeAndItDecryptsBack() {
        SignedCallback req = CallbackSigner.encrypted(TOKEN, KEY, APP_ID, EncryptMode.SAFE).message(MSG);
        XmlFields body = MessageParser.defaults().parseFields(req.body());
        assertThat(body.names()).containsExactly("ToUserName", "Encrypt");
        assertThat(req.query()).containsEntry("encrypt_type", "aes");
        WeChatCrypto crypto = WeChatCrypto.of(TOKEN, KEY, APP_ID);
        byte[] plain = crypto.verifyAndDecrypt(req.query().get("msg_signature"), req.query().get("timestamp"),
                req.query().get("nonce"), body.text("Encrypt"));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(MSG);
    }

    @Test
    void compatibleModeSendsPlaintextFieldsBesideTheEnvelope() {
        SignedCallback req = CallbackSigner.encrypted(TOKEN, KEY, APP_ID, EncryptMode.COMPATIBLE).message(MSG);
        XmlFields body = MessageParser.defaults().parseFields(req.body());
        assertThat(body.text("Content")).isEqualTo("hi 你好");
        assertThat(body.text("Encrypt")).isNotEmpty();
    }

    @Test
    void readsEncryptedRepliesAndTreatsSuccessAsNoReply() {
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, KEY, APP_ID, EncryptMode.SAFE);
        String envelope = WeChatCrypto.of(TOKEN, KEY, APP_ID).encryptReply("<xml>reply</xml>", "1", "n");
        assertThat(wechat.readReply(envelope)).isEqualTo("<xml>reply</xml>");
        assertThat(wechat.readReply("success")).isEmpty();
        assertThat(wechat.readReply("")).isEmpty();
    }

    @Test
    void handshakeIsSigned() {
        SignedCallback req = CallbackSigner.plain(TOKEN).handshake("echo123");
        assertThat(req.query()).containsEntry("echostr", "echo123");
        WeChatCrypto.checkCallbackSignature(TOKEN, req.query().get("signature"), req.query().get("timestamp"),
                req.query().get("nonce"));
        assertThat(req.queryString()).contains("echostr=echo123").contains("signature=");
    }
}
