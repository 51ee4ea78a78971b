package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncResult;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** The TEMPLATE_SEND job on the double: every pending batch, a row per follower, resume, and a fatal refusal. */
class TemplateSendJobTest {
    final Clock clock = Clock.systemUTC();
    final Account account = new Account("a", "A", Account.Type.SERVICE, "wx1", "secret", "t", "", EncryptMode.PLAIN,
            true, true, Map.of());
    WeChatDouble dbl;
    JdbiStorage storage;
    TemplateSendStore store;
    TemplateSendJob job;
    WeChatClient client;

    @BeforeEach
    void start() {
        dbl = WeChatDouble.start(0);
        storage = org.wechatmp.admin.AdminTestDatabases.open(org.wechatmp.admin.AdminTestDatabases.urls().get(0), clock);
        store = new TemplateSendStore(storage.jdbi(), clock);
        job = new TemplateSendJob(store, new AuditLog(storage.jdbi(), clock), clock);
        client = WeChatClient.builder("wx1", "secret").baseUrl(dbl.baseUrl()).tokenStore(new InMemoryTokenStore())
                .build();
    }

    @AfterEach
    void stop() {
        storage.close();
        dbl.close();
    }

    @Test
    void everyPendingBatchIsSentOncePerFollowerAndAResumedBatchSkipsWhatItSent() {
        long first = store.createBatch("a", "DEMO_TEMPLATE", 100, Map.of("first", "一"), null, "root");
        long second = store.createBatch("a", "DEMO_TEMPLATE_BOOKING", 100, Map.of("first", "二"),
                "https://example.com/b", "root");
        store.sending("a", second, "DEMO_TEMPLATE_BOOKING", "OPENID1", "root", Map.of()); // sent before a failure
        SyncResult r = job.run(account, client, SyncListener.NONE);
        assertThat(r.stored()).isEqualTo(3);
        assertThat(store.pendingBatch("a")).isEmpty();
        List<TemplateSendRow> rows = store.page("a", "", "", "", 0, 10);
        assertThat(rows).filteredOn(x -> x.batchId() == first).extracting(TemplateSendRow::openid)
                .containsExactlyInAnyOrder("OPENID1", "OPENID2");
        assertThat(rows).filteredOn(x -> x.batchId() == second).hasSize(2);
        assertThat(rows).filteredOn(x -> "sent".equals(x.status())).allSatisfy(x -> assertThat(x.msgId()).isNotNull());
        assertThat(dbl.requestBodies("/cgi-bin/message/template/send")).hasSize(3)
                .anySatisfy(b -> assertThat(b).contains("https://example.com/b").contains("\"touser\":\"OPENID2\""));
        assertThat(job.run(account, client, SyncListener.NONE).stored()).isZero();
    }

    @Test
    void aRefusalThatStopsEverySendEndsTheBatchAndFailsTheRun() {
        store.createBatch("a", "NO_SUCH_TEMPLATE", 100, Map.of(), null, "root");
        assertThatThrownBy(() -> job.run(account, client, SyncListener.NONE))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40037));
        assertThat(store.pendingBatch("a")).isEmpty();
        assertThat(store.page("a", "", "error", "", 0, 10)).singleElement()
                .satisfies(x -> assertThat(x.errcode()).isEqualTo(40037));
    }
}
