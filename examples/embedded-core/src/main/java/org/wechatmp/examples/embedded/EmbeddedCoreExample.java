package org.wechatmp.examples.embedded;

import java.nio.charset.StandardCharsets;
import org.wechatmp.core.Account;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The core with no web framework: call the API, configure an auto-reply, and answer one encrypted callback made the
 * way the WeChat server makes it. Runs against the local WeChat double.
 */
public final class EmbeddedCoreExample {
    private EmbeddedCoreExample() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            // 1. the API client
            WeChatClient client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET)
                    .baseUrl(wechat.baseUrl()).build();
            UserInfo user = client.users().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
            System.out.println("API: user " + user.openid() + " is " + user.nickname());

            // 2. an account, a handler and the callback pipeline
            Account account = Account.of("demo", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withEncryption(Defaults.AES_KEY, EncryptMode.SAFE).withOption("api_base", wechat.baseUrl());
            InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
            handlers.save("demo", Handler.builder("hello").rule(Rule.contains("hello"))
                    .reply(HandlerReply.text("你好，来自 wechatmp")).build());
            ReplyEngine engine = ReplyEngine.builder(handlers).build();
            try (WeChatCallback callback = WeChatCallback.builder(new InMemoryAccountRegistry(account), engine)
                    .build()) {
                // 3. what WeChat would POST
                CallbackSigner server = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
                        EncryptMode.SAFE);
                SignedCallback request = server.message("<xml><ToUserName><![CDATA[gh_demo]]></ToUserName>"
                        + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>"
                        + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[hello]]></Content><MsgId>1</MsgId></xml>");
                CallbackResponse response = callback.handle(new CallbackRequest("demo", "POST", request.query(),
                        request.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
                response.afterResponse();
                System.out.println("callback: HTTP " + response.status());
                System.out.println(server.readReply(response.body()));
            }
        }
    }
}
