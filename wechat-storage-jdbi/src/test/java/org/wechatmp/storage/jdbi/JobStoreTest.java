package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobLease;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobProgress;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncProgress;
import org.wechatmp.core.sync.SyncResult;

/**
 * Jobs on every available database, with two runtimes (two pools: two nodes) on one database; and the proactive
 * token refresher of two nodes on the shared token store.
 */
class JobStoreTest {
    static final Account ACCOUNT = Account.of("demo", "wx_jobs_db", "secret-j", "t");

    /** A clock tests move by hand, shared by the two nodes. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final CountDownLatch release = new CountDownLatch(1);
    final List<AutoCloseable> closing = new ArrayList<>();
    WireMockServer wm;

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"T\",\"expires_in\":7200}")));
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        wm.stop();
    }

    /** Two nodes on one database: each its own pool and runtime. */
    List<WeChatRuntime> twoNodes(Databases.Db db) {
        JdbiStorage first = Databases.fresh(db);
        first.jdbi().useHandle(h -> {
            h.execute("DELETE FROM wx_job_lease");
            h.execute("DELETE FROM wx_job_run");
        });
        JdbiStorage second = JdbiStorage.builder(db.url()).poolSize(4).build();
        closing.add(first);
        closing.add(second);
        first.accounts().save(ACCOUNT.withOption("api_base", wm.baseUrl()));
        List<WeChatRuntime> nodes = new ArrayList<>();
        for (JdbiStorage s : List.of(first, second)) {
            WeChatRuntime r = s.runtime().clock(clock).proactiveRefresh(false)
                    .job("blocking", (account, client, listener) -> {
                        listener.progress(new SyncProgress(account.name(), "blocking", SyncPhase.RUNNING, "page", 1, 2, 0));
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        listener.progress(new SyncProgress(account.name(), "blocking", SyncPhase.RUNNING, "page", 2, 2, 0));
                        return new SyncResult("blocking", 2, 2, 0, 1);
                    }).build();
            closing.add(r);
            nodes.add(r);
        }
        return nodes;
    }

    /** Starts "blocking" from every node on {@code perNode} threads at once; returns handles and refusals. */
    static List<Object> startTogether(List<WeChatRuntime> nodes, int perNode) throws Exception {
        int n = nodes.size() * perNode;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WeChatRuntime node = nodes.get(i % nodes.size());
                futures.add(pool.submit(() -> {
                    together.await();
                    try {
                        return node.jobs().start(ACCOUNT, "blocking", "user");
                    } catch (JobConflictException e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void ofConcurrentStartsOnTwoNodesExactlyOneRunsAndTheOthersAreRefused(Databases.Db db) throws Exception {
        List<WeChatRuntime> nodes = twoNodes(db);
        List<Object> results = startTogether(nodes, 4);
        List<JobHandle> started = results.stream().filter(JobHandle.class::isInstance).map(JobHandle.class::cast)
                .toList();
        assertThat(started).hasSize(1);
        assertThat(results).filteredOn(JobConflictException.class::isInstance).hasSize(7)
                .allSatisfy(e -> assertThat(((JobConflictException) e).getMessage())
                        .isEqualTo("a blocking job for account demo is already running (job " + started.get(0).id()
                                + ")"));
        release.countDown();
        JobRun end = started.get(0).done().get(30, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.SUCCEEDED);
        // each node reads the record the other wrote
        for (WeChatRuntime node : nodes) {
            assertThat(node.jobs().recent("demo", 10)).containsExactly(end);
            assertThat(node.jobs().run(end.id())).contains(end);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void anExpiredLeaseIsTakenOverByExactlyOneNodeAndTheDeadRunIsAbandoned(Databases.Db db) throws Exception {
        List<WeChatRuntime> nodes = twoNodes(db);
        JdbiStorage storage = (JdbiStorage) closing.get(0);
        // a third node claimed the job and died
        assertThat(storage.jobs().claim(new JobLease("demo", "blocking", "dead-run", "dead-node",
                clock.instant().plusSeconds(60)), null, clock.instant())).isTrue();
        storage.jobs().save(new JobRun("dead-run", "demo", "blocking", "alice", clock.instant(), null,
                JobState.RUNNING, "", null));
        assertThat(startTogether(nodes, 1)).allMatch(JobConflictException.class::isInstance);

        clock.advance(Duration.ofSeconds(61));
        List<Object> results = startTogether(nodes, 2);
        List<JobHandle> started = results.stream().filter(JobHandle.class::isInstance).map(JobHandle.class::cast)
                .toList();
        assertThat(started).hasSize(1);
        JobRun dead = storage.jobs().find("dead-run").orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.ABANDONED);
        assertThat(dead.error()).contains(started.get(0).id());
        assertThat(storage.jobs().lease("demo", "blocking").orElseThrow().jobId()).isEqualTo(started.get(0).id());
        release.countDown();
        assertThat(started.get(0).done().get(30, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(storage.jobs().lease("demo", "blocking")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aCancelFromTheOtherNodeStopsTheRunAndProgressReachesItsListener(Databases.Db db) throws Exception {
        List<WeChatRuntime> nodes = twoNodes(db);
        List<JobProgress> progress = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        JobHandle h = nodes.get(0).jobs().start(ACCOUNT, "blocking", "alice");
        nodes.get(0).jobs().subscribe(h.id(), new JobListener() {
            @Override
            public void progress(JobProgress p) {
                progress.add(p);
                first.countDown();
            }
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(progress.get(0).done()).isEqualTo(1);
        assertThat(progress.get(0).total()).isEqualTo(2);

        assertThat(nodes.get(1).jobs().cancel(h.id())).isTrue();
        nodes.get(0).jobs().heartbeatNow(); // the running node sees the request in the store
        release.countDown(); // the task reaches its next page: there it stops
        JobRun end = h.done().get(30, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(nodes.get(1).jobs().run(h.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(progress).extracting(JobProgress::done).containsExactly(1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void twoNodesRefreshingAheadOnOneDatabaseMakeOneTokenRequest(Databases.Db db) {
        List<WeChatRuntime> nodes = twoNodes(db);
        Account account = ACCOUNT.withOption("api_base", wm.baseUrl());
        nodes.get(0).client(account).accessToken();
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        clock.advance(Duration.ofSeconds(7200 - 8 * 60));
        int fetched = nodes.get(0).refreshTokensNow() + nodes.get(1).refreshTokensNow();
        assertThat(fetched).isEqualTo(1);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        nodes.get(1).client(account).accessToken();
        nodes.get(0).client(account).accessToken();
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theStoreKeepsRecordsNewestFirstAndRefusesASecondClaim(Databases.Db db) {
        twoNodes(db);
        JdbiStorage storage = (JdbiStorage) closing.get(0);
        Instant t = clock.instant();
        JobLease lease = new JobLease("demo", "k", "r1", "n1", t.plusSeconds(30));
        assertThat(storage.jobs().claim(lease, null, t)).isTrue();
        assertThat(storage.jobs().claim(new JobLease("demo", "k", "r2", "n2", t.plusSeconds(30)), null, t)).isFalse();
        // not yet expired: no take-over
        assertThat(storage.jobs().claim(new JobLease("demo", "k", "r2", "n2", t.plusSeconds(30)), "r1", t)).isFalse();
        assertThat(storage.jobs().renew("demo", "k", "r2", t.plusSeconds(60))).isFalse();
        assertThat(storage.jobs().renew("demo", "k", "r1", t.plusSeconds(60))).isTrue();
        storage.jobs().release("demo", "k", "r2"); // not the holder: nothing happens
        assertThat(storage.jobs().lease("demo", "k")).contains(new JobLease("demo", "k", "r1", "n1",
                t.plusSeconds(60)));
        storage.jobs().release("demo", "k", "r1");
        assertThat(storage.jobs().lease("demo", "k")).isEmpty();

        JobRun older = new JobRun("a", "demo", "k", "alice", t, null, JobState.RUNNING, "", null);
        JobRun newer = new JobRun("b", "demo", "k", "schedule", t.plusSeconds(5), null, JobState.RUNNING, "", null);
        storage.jobs().save(older);
        storage.jobs().save(newer);
        JobRun ended = older.end(t.plusSeconds(9), JobState.FAILED, "", "x".repeat(5000));
        storage.jobs().save(ended);
        assertThat(storage.jobs().recent("demo", 10)).extracting(JobRun::id).containsExactly("b", "a");
        assertThat(storage.jobs().recent("demo", 1)).extracting(JobRun::id).containsExactly("b");
        JobRun read = storage.jobs().find("a").orElseThrow();
        assertThat(read.state()).isEqualTo(JobState.FAILED);
        assertThat(read.endedAt()).isEqualTo(t.plusSeconds(9));
        assertThat(read.error()).hasSize(2048);
        assertThat(storage.jobs().find("b").orElseThrow().endedAt()).isNull();
        assertThat(storage.jobs().cancelRequested("b")).isFalse();
        storage.jobs().requestCancel("b");
        assertThat(storage.jobs().cancelRequested("b")).isTrue();
        assertThatThrownBy(() -> storage.jobs().find("zzz").orElseThrow()).isInstanceOf(RuntimeException.class);
    }
}
