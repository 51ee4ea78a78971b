package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;

class WeChatDoubleFollowersTest {

    @Test
    void servesNFollowersInPagesAndAFollowerSyncStoresThemAll() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.builder().followers(2_500).pageSize(1_000).start()) {
            Account account = Account.of("d", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withOption("api_base", wechat.baseUrl());
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).build()) {
                JobRun run = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "test").done()
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(run.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(run.summary()).contains("fetched=2500");
                assertThat(runtime.users().find("d", "oDemo" + "0".repeat(22) + "1")).isPresent();
                assertThat(wechat.requests("/cgi-bin/user/get")).isEqualTo(3);
                assertThat(wechat.requests("/cgi-bin/user/info/batchget")).isEqualTo(25);
            }
        }
    }

    @Test
    void anInjectedErrcodeFailsOnePageOnceAndTheResumedSyncFinishes() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.builder().followers(3_000).pageSize(1_000)
                .profileDelay(Duration.ofMillis(1)).start()) {
            wechat.failPage(2, 45009);
            Account account = Account.of("d", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withOption("api_base", wechat.baseUrl());
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).build()) {
                JobRun failed = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "test").done()
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(failed.state()).isEqualTo(JobState.FAILED);
                assertThat(failed.error()).contains("45009");
                JobRun resumed = runtime.jobs().resume(account, failed.kind(), "test").done()
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(resumed.kind()).isEqualTo(JobKind.FOLLOWERS_INCREMENTAL.name());
                assertThat(resumed.summary()).contains("fetched=2000");
            }
        }
    }

    @Test
    void theShippedStubsAreConsistentEnoughForTheTagMenuAndMaterialSyncs() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            Account account = Account.of("d", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withOption("api_base", wechat.baseUrl());
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).build()) {
                for (JobKind kind : java.util.List.of(JobKind.TAGS, JobKind.MENUS, JobKind.MATERIALS)) {
                    JobRun run = runtime.jobs().start(account, kind, "test").done()
                            .get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(run.state()).as("%s: %s", kind, run.error()).isEqualTo(JobState.SUCCEEDED);
                }
            }
        }
    }
}
