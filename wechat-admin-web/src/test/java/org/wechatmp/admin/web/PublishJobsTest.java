package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.admin.audit.AuditFilter;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.core.TestClock;
import org.wechatmp.core.client.DraftArticle;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * A submission whose PUBLISHJOBFINISH never came is settled by polling {@code freepublish/get}, once; on H2, and on
 * PostgreSQL and MariaDB when {@code WECHAT_TEST_POSTGRES_URL} / {@code WECHAT_TEST_MARIADB_URL} are set.
 */
class PublishJobsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private JdbiStorage storage;
    private WeChatDouble wechat;

    static List<String> databases() {
        return org.wechatmp.admin.AdminTestDatabases.urls();
    }

    private void open(String url) {
        storage = org.wechatmp.admin.AdminTestDatabases.open(url, clock);
        wechat = WeChatDouble.start(0);
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        if (wechat != null) {
            wechat.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStaleSubmissionIsPolledAndSettledOnce(String url) {
        open(url);
        String account = "pj" + UUID.randomUUID().toString().substring(0, 8);
        AuditLog audit = new AuditLog(storage.jdbi(), clock);
        PublishJobs jobs = new PublishJobs(storage.jdbi(), clock, audit);
        WeChatClient client = WeChatClient.builder("wx", "s").baseUrl(wechat.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
        String draft = client.drafts().add(List.of(new DraftArticle("Poll me", null, null, "<p>x</p>", null,
                "DEMO_IMAGE_1", 0, 0)));
        String publishId = client.freePublish().submit(draft);
        jobs.submitted(account, publishId, draft, "Poll me", "root");

        jobs.settle(account, client);
        assertThat(wechat.requests("/cgi-bin/freepublish/get")).as("a fresh submission waits for the event").isZero();
        clock.advance(Duration.ofSeconds(120));
        jobs.settle(account, client);
        assertThat(jobs.recent(account, 5).get(0).status()).isEqualTo(PublishJobs.PUBLISHING);

        String articleId = wechat.finishPublish(publishId, true);
        jobs.settle(account, client);
        PublishJobs.Job job = jobs.recent(account, 5).get(0);
        assertThat(job.status()).isZero();
        assertThat(job.articleId()).isEqualTo(articleId);
        assertThat(job.articleUrl()).endsWith("/s/" + articleId + "/1");
        assertThat(job.source()).isEqualTo("poll");
        int polls = wechat.requests("/cgi-bin/freepublish/get");
        jobs.settle(account, client);
        assertThat(wechat.requests("/cgi-bin/freepublish/get")).isEqualTo(polls);
        assertThat(jobs.finish(account, publishId, 3, null, null, null, "event")).as("settled only once").isFalse();
        assertThat(audit.find(new AuditFilter(null, account, "publish.finished", null, null), 10)).hasSize(1);
    }
}
