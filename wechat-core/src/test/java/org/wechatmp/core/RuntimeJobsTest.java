package org.wechatmp.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobProgress;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;

/** The built-in job kinds through the runtime, against a WireMock double of WeChat. */
class RuntimeJobsTest {
    WireMockServer wm;
    Account account;
    WeChatRuntime runtime;
    final org.wechatmp.core.spi.InMemoryUserRepository users = new org.wechatmp.core.spi.InMemoryUserRepository();

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"T1\",\"expires_in\":7200}")));
        account = Account.of("demo", "wx_rj", "secret-rj", "t").withOption("api_base", wm.baseUrl());
        runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).users(users)
                .proactiveRefresh(false)
                .clientCustomizer((a, b) -> b.retryPolicy(RetryPolicy.none())).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        wm.stop();
    }

    /** Three pages of 100 followers: o0..o299; profiles echo the openids, each call after {@code delayMs}. */
    void stubPages(int delayMs) {
        for (int from = 0; from < 300; from += 100) {
            String ids = IntStream.range(from, from + 100).mapToObj(i -> "\"o" + i + "\"")
                    .collect(Collectors.joining(","));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid",
                    from == 0 ? absent() : equalTo("o" + (from - 1))).willReturn(okJson("{\"total\":300,\"count\":100,"
                    + "\"data\":{\"openid\":[" + ids + "]},\"next_openid\":\"o" + (from + 99) + "\"}")));
        }
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", equalTo("o299"))
                .willReturn(okJson("{\"total\":300,\"count\":0,\"next_openid\":\"\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(10).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withFixedDelay(delayMs).withBody("{\"user_info_list\":[{{#each (jsonPath request.body "
                        + "'$.user_list') as |u|}}{\"subscribe\":1,\"openid\":\"{{u.openid}}\"}{{#unless @last}},"
                        + "{{/unless}}{{/each}}]}")));
    }

    @Test
    void aFollowerJobStreamsProgressAndRecordsItsResult() throws Exception {
        stubPages(0);
        List<JobProgress> progress = new CopyOnWriteArrayList<>();
        JobHandle h = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "alice");
        runtime.jobs().subscribe(h.id(), new JobListener() {
            @Override
            public void progress(JobProgress p) {
                progress.add(p);
            }
        });
        JobRun end = h.done().get(20, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(end.summary()).startsWith("fetched=300 stored=300");
        assertThat(users.count("demo")).isEqualTo(300L);
        assertThat(runtime.jobs().recent("demo", 5)).containsExactly(end);
        assertThat(end.kind()).isEqualTo("FOLLOWERS_FULL");
        if (!progress.isEmpty()) { // the job may finish before the subscription: then the end is all there is
            assertThat(progress).filteredOn(p -> p.phase() != SyncPhase.STARTED)
                    .allSatisfy(p -> assertThat(p.total()).isEqualTo(300));
            assertThat(progress.get(progress.size() - 1).phase()).isEqualTo(SyncPhase.DONE);
        }
    }

    @Test
    void aFailedFollowerJobIsResumedIncrementallyFromItsSavedCursor() throws Exception {
        stubPages(0);
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.user_list[0].openid", equalTo("o200"))).willReturn(aResponse().withStatus(502)));
        JobRun failed = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "alice").done().get(20,
                TimeUnit.SECONDS);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("stopped after 200 of 300").contains("HTTP 502");
        assertThat(users.count("demo")).isEqualTo(200L);

        wm.removeStub(wm.getStubMappings().stream().filter(m -> Integer.valueOf(1).equals(m.getPriority()))
                .findFirst().orElseThrow());
        wm.resetRequests();
        JobRun resumed = runtime.jobs().resume(account, failed.kind(), "alice").done().get(20, TimeUnit.SECONDS);
        assertThat(resumed.kind()).isEqualTo("FOLLOWERS_INCREMENTAL");
        assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(resumed.summary()).startsWith("fetched=100 ");
        assertThat(users.count("demo")).isEqualTo(300L);
        wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", absent()));
        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid",
                equalTo("o199")));
    }

    @Test
    void cancellingARealFollowerSyncStopsItBetweenPages() throws Exception {
        stubPages(300);
        java.util.concurrent.CountDownLatch firstProgress = new java.util.concurrent.CountDownLatch(1);
        JobHandle h = runtime.jobs().start(account, JobKind.FOLLOWERS_FULL, "alice");
        runtime.jobs().subscribe(h.id(), new JobListener() {
            @Override
            public void progress(JobProgress p) {
                firstProgress.countDown();
            }
        });
        assertThat(firstProgress.await(20, TimeUnit.SECONDS)).isTrue();
        runtime.jobs().cancel(h.id());
        JobRun end = h.done().get(20, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(users.count("demo")).isLessThan(300L);
    }
}
