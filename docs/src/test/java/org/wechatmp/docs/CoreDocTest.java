package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/** The code of docs/wechat-core.md, run against the local WeChat double. */
class CoreDocTest {
    static final String OPENID = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

    @Test
    void runtimeCallsTheApiAndAnswersACallback() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            String appId = Defaults.APP_ID;
            String secret = Defaults.SECRET;
            String token = Defaults.TOKEN;
            String aesKey = Defaults.AES_KEY;
            String apiBase = wechat.baseUrl();
            String openid = OPENID;
            CallbackSigner server = CallbackSigner.encrypted(token, aesKey, appId, EncryptMode.SAFE);
            SignedCallback signed = server.message("<xml><ToUserName>gh</ToUserName><FromUserName>" + OPENID
                    + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>"
                    + "text</MsgType><Content>hello</Content><MsgId>1</MsgId></xml>");
            CallbackRequest request = new CallbackRequest("demo", "POST", signed.query(),
                    signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1");
            UserInfo user;
            CallbackResponse answer;

            // tag::core[]
            Account account = Account.of("demo", appId, secret, token)
                    .withEncryption(aesKey, EncryptMode.SAFE)
                    .withOption("api_base", apiBase);                 // leave out to call api.weixin.qq.com
            InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
            handlers.save("demo", Handler.builder("hello").rule(Rule.contains("hello"))
                    .reply(HandlerReply.text("你好")).build());
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                    .handlers(handlers).build()) {
                user = runtime.client(account).users().info(openid);     // token fetched, cached, refreshed
                answer = runtime.callback().handle(request);             // verified, decrypted, answered, encrypted
                answer.afterResponse();                                  // extra replies, the message log
            }
            // end::core[]

            assertThat(user.nickname()).isEqualTo("Band");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(MessageParser.defaults().parseFields(server.readReply(answer.body())).text("Content"))
                    .isEqualTo("你好");
        }
    }

    @Test
    void aClientOnItsOwn() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            String appId = Defaults.APP_ID;
            String secret = Defaults.SECRET;
            String openid = OPENID;
            String apiBase = wechat.baseUrl();
            // tag::client[]
            try (WeChatClient client = WeChatClient.builder(appId, secret)
                    .baseUrl(apiBase)                                   // a proxy or a double; default WeChat
                    .timeout(Duration.ofSeconds(5)).retryPolicy(RetryPolicy.defaults()).build()) {
                UserInfo user = client.users().info(openid);
                client.messages().sendText(openid, "你好, " + user.nickname());
            }
            // end::client[]
            assertThat(wechat.requestBodies("/cgi-bin/message/custom/send")).hasSize(1);
        }
    }
}
