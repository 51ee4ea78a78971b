package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** The code of docs/coming-from-wechat-django.md. */
class WechatDjangoDocTest {
    @Test
    void settingsAndTheClientOfANamedApp() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0);
                JdbiStorage storage = JdbiStorage.builder("jdbc:h2:mem:django;DB_CLOSE_DELAY=-1").build()) {
            storage.accounts().save(Account.of("demo", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withOption("api_base", wechat.baseUrl()));
            List<String> followers;

            // tag::settings[]
            WeChatRuntime runtime = storage.runtime()        // accounts, tokens (WECHAT_SESSIONSTORAGE), handlers, ...
                    .tokenStore(storage.tokens())            // the default already: one token per account, shared
                    .clientFactory((account, defaults) -> defaults   // WECHAT_WECHATCLIENTFACTORY
                            .timeout(Duration.ofSeconds(3)).retryPolicy(RetryPolicy.none()).build())
                    .build();
            // WeChatApp.get_by_name("demo").client.user.get_followers()
            WeChatClient client = runtime.client(storage.accounts().find("demo").orElseThrow());
            followers = client.users().allFollowers().collect(Collectors.toList());   // pages next_openid lazily
            // end::settings[]

            try (runtime) {
                assertThat(followers).isNotEmpty();
            }
        }
    }
}
