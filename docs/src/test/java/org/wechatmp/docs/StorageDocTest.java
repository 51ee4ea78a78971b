package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** The code of docs/wechat-storage-jdbi.md, on H2 and the local double. */
class StorageDocTest {
    @Test
    void storageRunsTheRuntimeOnTheDatabase() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);   // WECHAT_MASTER_KEY in production
        try (WeChatDouble wechat = WeChatDouble.builder().followers(25).start()) {   // 25 generated followers
            Account account = Account.of("demo", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withOption("api_base", wechat.baseUrl());
            Page<WeChatUser> followers;
            UserInfo user;
            String openid = WeChatDouble.openid(0);   // one of the double's generated followers

            // tag::storage[]
            try (JdbiStorage storage = JdbiStorage.builder("jdbc:h2:mem:docs;DB_CLOSE_DELAY=-1")  // or PostgreSQL, MariaDB
                    .masterKey(masterKey)                          // seals secrets and tokens with AES-GCM
                    .build()) {                                    // pools (HikariCP) and migrates (Flyway)
                storage.accounts().save(account);
                storage.handlers().save("demo", Handler.builder("hi").rule(Rule.contains("hi"))
                        .reply(HandlerReply.text("hello")).build());
                try (WeChatRuntime runtime = storage.runtime().build()) {   // every SPI on the database
                    user = runtime.client(account).users().info(openid);  // token stored
                    runtime.sync(account).followers().full(account, runtime.client(account), SyncListener.NONE);
                }
                followers = storage.users().query("demo", FollowerQuery.builder().subscribed(true).build());
            }
            // end::storage[]

            assertThat(user.openid()).isEqualTo(openid);
            assertThat(followers.total()).isEqualTo(25);
        }
    }
}
