package org.wechatmp.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.TestClock;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncProgress;
import org.wechatmp.core.sync.SyncResult;

/** The job runner on the in-memory store: two runners on one store act as two nodes on one database. */
class JobRunnerTest {
    static final Account ACCOUNT = Account.of("demo", "wx_jobs", "s", "t");

    final TestClock clock = new TestClock();
    final InMemoryJobStore store = new InMemoryJobStore();
    final List<JobRunner> runners = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();

    /** Reports a page, then waits for the test to let it finish. */
    final JobTask blocking = (account, client, listener) -> {
        listener.progress(new SyncProgress(account.name(), "blocking", SyncPhase.RUNNING, "page", 1, 2, 0));
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.progress(new SyncProgress(account.name(), "blocking", SyncPhase.RUNNING, "page", 2, 2, 0));
        return new SyncResult("blocking", 2, 2, 0, 1);
    };

    JobRunner runner() {
        JobRunner r = JobRunner.builder(store, new InMemoryAccountRegistry(ACCOUNT), a -> null).clock(clock)
                .lease(Duration.ofSeconds(60), Duration.ofSeconds(15)).task("blocking", blocking)
                .task("pages", (account, client, listener) -> {
                    for (int i = 1; i <= 1_000; i++) {
                        listener.progress(new SyncProgress(account.name(), "pages", SyncPhase.RUNNING, "page", i, 1_000, 0));
                        sleep(5);
                    }
                    return new SyncResult("pages", 1_000, 1_000, 0, 1_000);
                })
                .task("burst", (account, client, listener) -> {
                    for (int i = 1; i <= 20_000; i++) {
                        listener.progress(new SyncProgress(account.name(), "burst", SyncPhase.RUNNING, "page", i, 20_000, 0));
                    }
                    return new SyncResult("burst", 20_000, 20_000, 0, 20_000);
                })
                .task("exclusive", (account, client, listener) -> {
                    int now = concurrent.incrementAndGet();
                    maxConcurrent.accumulateAndGet(now, Math::max);
                    sleep(40);
                    concurrent.decrementAndGet();
                    return new SyncResult("exclusive", 1, 1, 0, 1);
                })
                .task("failing", (account, client, listener) -> {
                    throw new WeChatException("WeChat said no");
                }).build();
        runners.add(r);
        return r;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        runners.forEach(JobRunner::close);
    }

    @Test
    void ofTwoNodesStartingTheSameAccountAndKindAtOnceExactlyOneRuns() throws Exception {
        JobRunner a = runner();
        JobRunner b = runner();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> fa = pool.submit(() -> {
                together.await();
                try {
                    return a.start(ACCOUNT, "blocking", "alice");
                } catch (JobConflictException e) {
                    return e;
                }
            });
            Future<Object> fb = pool.submit(() -> {
                together.await();
                try {
                    return b.start(ACCOUNT, "blocking", "bob");
                } catch (JobConflictException e) {
                    return e;
                }
            });
            List<Object> results = List.of(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS));
            assertThat(results).filteredOn(JobHandle.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(JobConflictException.class::isInstance).hasSize(1);
            JobHandle winner = (JobHandle) results.stream().filter(JobHandle.class::isInstance).findFirst().orElseThrow();
            JobConflictException loser = (JobConflictException) results.stream()
                    .filter(JobConflictException.class::isInstance).findFirst().orElseThrow();
            assertThat(loser.runningJobId()).isEqualTo(winner.id());
            assertThat(loser.getMessage()).isEqualTo("a blocking job for account demo is already running (job "
                    + winner.id() + ")");
            // another kind of the same account runs beside it
            assertThat(b.start(ACCOUNT, "pages", "bob").id()).isNotEqualTo(winner.id());
            release.countDown();
            assertThat(winner.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
            // ended: the lease is released, a new start succeeds
            assertThat(store.lease("demo", "blocking")).isEmpty();
            assertThat(a.start(ACCOUNT, "blocking", "alice").done().get(10, TimeUnit.SECONDS).state())
                    .isEqualTo(JobState.SUCCEEDED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseItsNodeStoppedRenewingIsTakenOverAndTheDeadRunRecordedAbandoned() throws Exception {
        // a node claimed the job, recorded it, and died
        store.claim(new JobLease("demo", "pages", "dead-run", "dead-node", clock.instant().plusSeconds(60)), null,
                clock.instant());
        store.save(new JobRun("dead-run", "demo", "pages", "alice", clock.instant(), null, JobState.RUNNING, "",
                null));
        JobRunner r = runner();
        assertThatThrownBy(() -> r.start(ACCOUNT, "pages", "bob")).isInstanceOf(JobConflictException.class);

        clock.advance(Duration.ofSeconds(61));
        JobHandle h = r.start(ACCOUNT, "pages", "bob");

        assertThat(store.lease("demo", "pages").orElseThrow().jobId()).isEqualTo(h.id());
        JobRun dead = r.run("dead-run").orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.ABANDONED);
        assertThat(dead.error()).contains("taken over by job " + h.id());
        assertThat(dead.endedAt()).isEqualTo(clock.instant());
        r.cancel(h.id());
        h.done().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRunningNodeRenewsItsLeaseSoItIsNotTakenOver() throws Exception {
        JobRunner a = runner();
        JobRunner b = runner();
        JobHandle h = a.start(ACCOUNT, "blocking", "alice");
        clock.advance(Duration.ofSeconds(45));
        a.heartbeatNow();
        clock.advance(Duration.ofSeconds(45)); // 90 s after the start, 45 s after the renewal
        assertThatThrownBy(() -> b.start(ACCOUNT, "blocking", "bob")).isInstanceOf(JobConflictException.class);
        release.countDown();
        assertThat(h.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aNodeThatFindsItsLeaseGoneAtTheHeartbeatStopsTheRunAsAbandoned() throws Exception {
        JobRunner r = runner();
        JobHandle h = r.start(ACCOUNT, "blocking", "alice");
        store.release("demo", "blocking", h.id()); // e.g. an operator cleared it, or the store lost it
        r.heartbeatNow();
        release.countDown(); // the task's next page report sees the stop
        JobRun end = h.done().get(10, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.ABANDONED);
        assertThat(end.error()).contains("lost the lease");
        assertThat(r.run(h.id()).orElseThrow().state()).isEqualTo(JobState.ABANDONED);
    }

    @Test
    void cancelStopsTheRunBetweenPagesAndRecordsItCancelled() throws Exception {
        JobRunner r = runner();
        List<JobProgress> seen = new CopyOnWriteArrayList<>();
        CountDownLatch progressed = new CountDownLatch(3);
        JobHandle h = r.start(ACCOUNT, "pages", "alice");
        r.subscribe(h.id(), new JobListener() {
            @Override
            public void progress(JobProgress p) {
                seen.add(p);
                progressed.countDown();
            }
        });
        assertThat(progressed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.cancel(h.id())).isTrue();
        JobRun end = h.done().get(10, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(end.error()).isEqualTo("cancelled");
        assertThat(seen.get(seen.size() - 1).done()).isLessThan(1_000);
        assertThat(r.run(h.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.lease("demo", "pages")).isEmpty();
        assertThat(r.cancel(h.id())).isFalse();
    }

    @Test
    void aCancelOnAnotherNodeIsSeenAtTheHeartbeat() throws Exception {
        JobRunner a = runner();
        JobRunner b = runner();
        JobHandle h = a.start(ACCOUNT, "pages", "alice");
        assertThat(b.cancel(h.id())).isTrue(); // b does not run it: the request goes through the store
        a.heartbeatNow();
        assertThat(h.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void progressAndTheEndReachSubscribedAndGlobalListeners() throws Exception {
        List<JobProgress> global = new CopyOnWriteArrayList<>();
        JobRunner r = JobRunner.builder(store, new InMemoryAccountRegistry(ACCOUNT), a -> null).clock(clock)
                .task("blocking", blocking).listener(new JobListener() {
                    @Override
                    public void progress(JobProgress p) {
                        global.add(p);
                    }
                }).build();
        runners.add(r);
        List<Object> events = new CopyOnWriteArrayList<>();
        JobHandle h = r.start(ACCOUNT, "blocking", "alice");
        r.subscribe(h.id(), new JobListener() {
            @Override
            public void progress(JobProgress p) {
                events.add(p);
            }

            @Override
            public void finished(JobRun run) {
                events.add(run);
            }
        });
        release.countDown();
        JobRun end = h.done().get(10, TimeUnit.SECONDS);
        assertThat(events).last().isEqualTo(end);
        List<JobProgress> progress = events.stream().filter(JobProgress.class::isInstance)
                .map(JobProgress.class::cast).toList();
        assertThat(progress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.jobId()).isEqualTo(h.id());
            assertThat(p.account()).isEqualTo("demo");
            assertThat(p.kind()).isEqualTo("blocking");
            assertThat(p.total()).isEqualTo(2);
            assertThat(p.ratePerSecond()).isPositive();
        });
        assertThat(progress).last().extracting(JobProgress::done).isEqualTo(2L);
        assertThat(global).extracting(JobProgress::done).contains(1L, 2L);
        // a subscriber after the end gets the final record at once
        List<JobRun> late = new ArrayList<>();
        r.subscribe(h.id(), new JobListener() {
            @Override
            public void finished(JobRun run) {
                late.add(run);
            }
        });
        assertThat(late).containsExactly(end);
    }

    @Test
    void everyRunIsRecordedWithWhoStartedItWhenAndHowItEnded() throws Exception {
        JobRunner r = runner();
        JobRun failed = r.start(ACCOUNT, "failing", "alice").done().get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(1));
        release.countDown();
        JobRun ok = r.start(ACCOUNT, "blocking", "bob").done().get(10, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("WeChat said no");
        assertThat(failed.startedBy()).isEqualTo("alice");
        assertThat(ok.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ok.summary()).isEqualTo("fetched=2 stored=2 removed=0 apiCalls=1");
        assertThat(ok.startedAt()).isEqualTo(clock.instant());
        assertThat(ok.endedAt()).isEqualTo(clock.instant());
        assertThat(r.recent("demo", 10)).containsExactly(ok, failed);
        assertThat(r.recent("demo", 1)).containsExactly(ok);
        assertThat(r.run(failed.id())).contains(failed);
        assertThat(r.recent("other", 10)).isEmpty();
    }

    @Test
    void anUnknownKindIsRefused() {
        JobRunner r = runner();
        assertThatThrownBy(() -> r.start(ACCOUNT, "nope", "alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown job kind nope");
        assertThatThrownBy(() -> r.schedule("demo", "nope", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduleStartsRunsAsScheduleAndTwoNodesOnOneStoreNeverOverlap() throws Exception {
        JobRunner a = runner();
        JobRunner b = runner();
        JobSchedule sa = a.schedule("demo", "exclusive", Duration.ofMillis(15));
        JobSchedule sb = b.schedule("demo", "exclusive", Duration.ofMillis(15));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.recent("demo", 100).stream().filter(run -> run.state().ended()).count() < 3
                && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        sa.close();
        sb.close();
        List<JobRun> runs = store.recent("demo", 100);
        assertThat(runs.stream().filter(run -> run.state().ended()).count()).isGreaterThanOrEqualTo(3);
        assertThat(runs).allSatisfy(run -> assertThat(run.startedBy()).isEqualTo(JobRunner.SCHEDULE));
        assertThat(runs).allSatisfy(run -> assertThat(run.state()).isIn(JobState.SUCCEEDED, JobState.RUNNING));
        // each run takes 40 ms and both nodes try every 15 ms: only the claim keeps them apart
        assertThat(maxConcurrent).hasValue(1);
    }

    @Test
    void aListenerSubscribingWhileProgressIsReportedSeesEachProgressOnceInOrderAndTheEndOnce() throws Exception {
        JobRunner r = runner();
        JobHandle h = r.start(ACCOUNT, "burst", "alice");
        List<List<Long>> seen = new ArrayList<>();
        List<java.util.concurrent.atomic.AtomicInteger> ends = new ArrayList<>();
        // subscribe again and again while the run reports 20,000 progresses as fast as it can: each subscription
        // races the report of a progress (the replay of the latest one against its delivery)
        for (int i = 0; i < 300 && !h.done().isDone(); i++) {
            // not a CopyOnWriteArrayList: 20,000 adds copying the array each time made this quadratic (a CI timeout)
            List<Long> mine = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger end = new java.util.concurrent.atomic.AtomicInteger();
            seen.add(mine);
            ends.add(end);
            r.subscribe(h.id(), new JobListener() {
                @Override
                public void progress(JobProgress p) {
                    mine.add(p.done());
                }

                @Override
                public void finished(JobRun run) {
                    end.incrementAndGet();
                }
            });
            Thread.yield();
        }
        assertThat(h.done().get(30, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        for (List<Long> mine : seen) {
            for (int k = 1; k < mine.size(); k++) {
                if (mine.get(k) <= mine.get(k - 1)) {
                    assertThat(mine.get(k)).as("progress after %d", mine.get(k - 1)).isGreaterThan(mine.get(k - 1));
                }
            }
        }
        assertThat(ends).allMatch(e -> e.get() == 1);
    }
}
