package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
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

/** The code of docs/coming-from-wxjava.md: two accounts, a router rule with a Java handler, WeChat's errcode. */
class WxJavaDocTest {
    @Test
    void routerRulesAndOneClientPerAccount() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            Account shopA = Account.of("shopA", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withEncryption(Defaults.AES_KEY, EncryptMode.SAFE).withOption("api_base", wechat.baseUrl());
            Account shopB = Account.of("shopB", "wx00000000000shopB", "secret-b", "token-b")
                    .withOption("api_base", wechat.baseUrl());
            String openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

            // tag::router[]
            InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();   // or storage.handlers()
            // router.rule().async(false).msgType(TEXT).content("订单").handler(ordersHandler).end()
            handlers.save("shopA", Handler.builder("orders").rule(Rule.msgType("text")).rule(Rule.equalTo("订单"))
                    .reply(HandlerReply.custom("orders")).build());
            WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(shopA, shopB))
                    .handlers(handlers)
                    .customReply("orders", ctx -> {                     // the WxMpMessageHandler
                        UserInfo user = ctx.client().users().info(ctx.message().fromUserName());
                        return "订单查询: " + user.nickname();             // a String is a text reply
                    })
                    .build();
            WeChatClient a = runtime.client(shopA);   // instead of wxMpService.switchoverTo(appIdA): no ThreadLocal
            WeChatClient b = runtime.client(shopB);   // both usable at once, from any thread
            // end::router[]

            try (runtime) {
                assertThat(a).isNotSameAs(b);
                CallbackSigner server = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
                        EncryptMode.SAFE);
                SignedCallback signed = server.message("<xml><ToUserName>gh</ToUserName><FromUserName>" + openid
                        + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime>"
                        + "<MsgType>text</MsgType><Content>订单</Content><MsgId>42</MsgId></xml>");
                CallbackRequest request = new CallbackRequest("shopA", "POST", signed.query(),
                        signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1");
                CallbackResponse first = runtime.callback().handle(request);
                CallbackResponse retried = runtime.callback().handle(request);   // WeChat's retry of the same MsgId
                assertThat(MessageParser.defaults().parseFields(server.readReply(first.body())).text("Content"))
                        .isEqualTo("订单查询: Band");
                assertThat(server.readReply(retried.body())).isEqualTo(server.readReply(first.body()));
                assertThat(wechat.requests("/cgi-bin/user/info")).isEqualTo(1);   // the handler ran once
            }
        }
    }

    static String errcodes(WeChatClient client, String openid) {
        // tag::errors[]
        try {
            return client.users().info(openid).nickname();
        } catch (WeChatApiException e) {            // WxErrorException: e.getError().getErrorCode()
            return e.errcode() + " " + e.errmsg() + " at " + e.endpoint();   // never the token
        }
        // end::errors[]
    }

    @Test
    void errorsCarryWeChatsErrcode() {
        try (WeChatDouble wechat = WeChatDouble.start(0);
                WeChatClient client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(wechat.baseUrl())
                        .build()) {
            assertThat(errcodes(client, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).isEqualTo("Band");
        }
    }
}
