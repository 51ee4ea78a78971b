package org.wechatmp.examples.embedded;

import java.nio.charset.StandardCharsets;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
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
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The core with no web framework: one runtime for the account, an API call, a background follower sync, an
 * auto-reply, and one encrypted callback made the way the WeChat server makes it. Runs against the local WeChat
 * double, and exits as soon as its work is done: closing the runtime releases its threads and connections.
 */
public final class EmbeddedCoreExample {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCoreExample.class);

    private EmbeddedCoreExample() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if the sync job is interrupted
     */
    public static void main(String[] args) throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            Account account = Account.of("demo", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withEncryption(Defaults.AES_KEY, EncryptMode.SAFE).withOption("api_base", wechat.baseUrl());
            InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
            handlers.save("demo", Handler.builder("hello").rule(Rule.contains("hello"))
                    .reply(HandlerReply.text("你好，来自 wechatmp")).build());

            LOG.info("wechatmp embedded core (no web server, ends by itself)\n  WeChat API: {}\n  database: none "
                    + "(in-memory stores)\n  callback: handled in process for account {} ({}), {} mode, as the WeChat "
                    + "server would POST it", ApiTarget.describe(wechat.baseUrl(), true), account.name(),
                    account.appId(), account.encryptMode().name().toLowerCase(java.util.Locale.ROOT));
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                    .handlers(handlers).build()) {
                // 1. the API client of the account
                WeChatClient client = runtime.client(account);
                UserInfo user = client.users().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
                System.out.println("API: user " + user.openid() + " is " + user.nickname());

                // 2. a follower sync as a background job
                JobRun sync = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "example").done().get();
                System.out.println("job: " + sync.kind() + " " + sync.state() + " " + sync.summary());

                // 3. what WeChat would POST to the callback
                CallbackSigner server = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
                        EncryptMode.SAFE);
                SignedCallback request = server.message("<xml><ToUserName><![CDATA[gh_demo]]></ToUserName>"
                        + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>"
                        + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[hello]]></Content><MsgId>1</MsgId></xml>");
                CallbackResponse response = runtime.callback().handle(new CallbackRequest("demo", "POST",
                        request.query(), request.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
                response.afterResponse();
                System.out.println("callback: HTTP " + response.status());
                System.out.println(server.readReply(response.body()));
            }
        }
    }
}
