package org.wechatmp.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.AccountRegistry;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncResult;

/**
 * Runs sync jobs in the background, at most one per (account, kind) across every node sharing the
 * {@link JobStore}.
 *
 * <ul>
 *   <li>{@link #start} claims the (account, kind) lease in the store (compare-and-set), records the run as
 *       {@link JobState#RUNNING} and runs its {@link JobTask} on a job thread; while it runs, a heartbeat renews the
 *       lease. A second start of a running (account, kind), here or on another node, throws
 *       {@link JobConflictException}. A lease its node stopped renewing (the node died) is taken over after it ends,
 *       and the dead run is recorded {@link JobState#ABANDONED}.</li>
 *   <li>Progress goes to the listeners subscribed to the run ({@link #subscribe}) and to the builder's listeners,
 *       with the rate since the start.</li>
 *   <li>{@link #cancel} is cooperative: a built-in sync stops at its next page ({@link SyncListener#stopRequested()},
 *       cursor kept), another task at its next progress report ({@link JobCancelledException}); the run ends
 *       {@link JobState#CANCELLED}. A run on another node sees the request at its heartbeat.</li>
 *   <li>{@link #resume} re-runs a follower sync incrementally from its saved cursor.</li>
 *   <li>{@link #schedule} starts a kind every period through the same claim (a node that finds it running skips).</li>
 * </ul>
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("wechat.jobs");
    /** {@link JobRun#startedBy()} of a run started by a schedule. */
    public static final String SCHEDULE = "schedule";

    private final JobStore store;
    private final AccountRegistry accounts;
    private final Function<Account, WeChatClient> clients;
    private final Map<String, JobTask> tasks;
    private final Clock clock;
    private final Duration leaseTtl;
    private final WeChatMetrics metrics;
    private final String node = UUID.randomUUID().toString();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> heartbeat;
    private final java.util.Set<ScheduledFuture<?>> schedules = ConcurrentHashMap.newKeySet();
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final JobListeners listeners;
    private volatile boolean closed;

    JobRunner(JobRunnerBuilder b) {
        this.store = b.store;
        this.accounts = b.accounts;
        this.clients = b.clients;
        this.tasks = Map.copyOf(b.tasks);
        this.clock = b.clock;
        this.leaseTtl = b.leaseTtl;
        this.metrics = b.metrics;
        this.listeners = new JobListeners(b.listeners);
        this.workers = Executors.newCachedThreadPool(JobSupport.daemon("wechat-job-"));
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler
                : Executors.newSingleThreadScheduledExecutor(JobSupport.daemon("wechat-job-scheduler-"));
        long beat = Math.max(1, b.heartbeat.toMillis());
        this.heartbeat = scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a builder.
     *
     * @param store where leases and records live
     * @param accounts where scheduled runs find their account
     * @param clients the client of an account
     * @return the builder
     */
    public static JobRunnerBuilder builder(JobStore store, AccountRegistry accounts,
            Function<Account, WeChatClient> clients) {
        return new JobRunnerBuilder(store, accounts, clients);
    }

    /** @return the kind names: the kinds this runner can start */
    public List<String> kinds() {
        return tasks.keySet().stream().sorted().toList();
    }

    /**
     * Starts a built-in kind.
     *
     * @param account the account
     * @param kind the kind
     * @param startedBy who starts it (a user name)
     * @return the started job
     * @throws JobConflictException when the same (account, kind) is running
     */
    public JobHandle start(Account account, JobKind kind, String startedBy) {
        return start(account, kind.name(), startedBy);
    }

    /**
     * Starts a job.
     *
     * @param account the account
     * @param kind a built-in kind's name or a registered custom kind
     * @param startedBy who starts it (a user name, or {@link #SCHEDULE})
     * @return the started job
     * @throws JobConflictException when the same (account, kind) is running, here or on another node
     * @throws IllegalArgumentException for an unknown kind
     */
    public JobHandle start(Account account, String kind, String startedBy) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(startedBy, "startedBy");
        JobTask task = tasks.get(kind);
        if (task == null) {
            throw new IllegalArgumentException("unknown job kind " + kind + "; known: " + kinds());
        }
        if (closed) {
            throw new IllegalStateException("the job runner is closed");
        }
        String name = account.name();
        Instant now = clock.instant();
        Optional<JobLease> held = store.lease(name, kind);
        String previous = null;
        if (held.isPresent()) {
            if (!held.get().until().isBefore(now)) {
                throw refused(name, kind, held.get().jobId());
            }
            previous = held.get().jobId();
        }
        String id = UUID.randomUUID().toString();
        if (!store.claim(new JobLease(name, kind, id, node, now.plus(leaseTtl)), previous, now)) {
            throw refused(name, kind, store.lease(name, kind).map(JobLease::jobId).orElse("?"));
        }
        if (previous != null) {
            String taker = id;
            store.find(previous).filter(r -> r.state() == JobState.RUNNING).ifPresent(r -> store.save(r.end(now,
                    JobState.ABANDONED, r.summary(), "its node stopped renewing the lease; taken over by job "
                    + taker)));
        }
        JobRun run = new JobRun(id, name, kind, startedBy, now, null, JobState.RUNNING, "", null);
        RunningJob r = new RunningJob(run);
        try {
            store.save(run);
            running.put(id, r);
            workers.execute(() -> execute(r, account, task));
        } catch (RuntimeException e) {
            running.remove(id);
            store.release(name, kind, id);
            throw e;
        }
        return new JobHandle(id, run, r.done);
    }

    private JobConflictException refused(String account, String kind, String holder) {
        metrics.syncRefused(account, kind);
        return new JobConflictException(account, kind, holder);
    }

    /**
     * Resumes a sync: a follower sync (full or incremental) goes on incrementally from its saved cursor; other kinds
     * run again.
     *
     * @param account the account
     * @param kind the kind that stopped
     * @param startedBy who resumes it
     * @return the started job
     */
    public JobHandle resume(Account account, String kind, String startedBy) {
        String k = JobKind.FOLLOWERS_FULL.name().equals(kind) ? JobKind.FOLLOWERS_INCREMENTAL.name() : kind;
        return start(account, k, startedBy);
    }

    /**
     * Asks a run to stop: at once when it runs here (at its next progress report), at the next heartbeat of its
     * node otherwise.
     *
     * @param jobId the run
     * @return whether the run was still running
     */
    public boolean cancel(String jobId) {
        RunningJob r = running.get(jobId);
        if (r != null) {
            r.cancel = true;
        }
        Optional<JobRun> run = store.find(jobId);
        if (run.isPresent() && run.get().state() == JobState.RUNNING) {
            store.requestCancel(jobId);
            return true;
        }
        return r != null;
    }

    /**
     * Subscribes to a run's progress and end. A run that already ended is reported at once; a running one's latest
     * progress is replayed first.
     *
     * @param jobId the run
     * @param listener the listener
     * @return closes the subscription
     */
    public AutoCloseable subscribe(String jobId, JobListener listener) {
        Objects.requireNonNull(listener, "listener");
        RunningJob r = running.get(jobId);
        if (r != null) {
            return listeners.subscribe(r, listener);
        }
        List<JobListener> list = listeners.add(jobId, listener);
        store.find(jobId).filter(run -> run.state().ended()).ifPresent(run -> {
            list.remove(listener);
            JobSupport.safely(() -> listener.finished(run));
        });
        return () -> list.remove(listener);
    }

    /**
     * A run's record.
     *
     * @param jobId the run
     * @return the record
     */
    public Optional<JobRun> run(String jobId) {
        return store.find(jobId);
    }

    /**
     * The latest runs of an account, newest first.
     *
     * @param account the account name
     * @param limit at most this many
     * @return the records
     */
    public List<JobRun> recent(String account, int limit) {
        return store.recent(account, limit);
    }

    /**
     * Runs a kind every {@code every}, first after {@code every}. Each run goes through the same claim, so with
     * several nodes scheduling the same kind one runs and the others skip that round. Runs are started by
     * {@link #SCHEDULE}.
     *
     * @param account the account name (looked up at each run)
     * @param kind the kind
     * @param every the period
     * @return the schedule, to stop it
     */
    public JobSchedule schedule(String account, String kind, Duration every) {
        if (!tasks.containsKey(kind)) {
            throw new IllegalArgumentException("unknown job kind " + kind + "; known: " + kinds());
        }
        long period = Math.max(1, every.toMillis());
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> {
            try {
                accounts.find(account).ifPresentOrElse(a -> start(a, kind, SCHEDULE),
                        () -> LOG.warn("scheduled {} job: no account {}", kind, account));
            } catch (JobConflictException e) {
                LOG.debug("scheduled {} job of {} skipped: {}", kind, account, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("scheduled {} job of {} could not start: {}", kind, account, e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        schedules.add(f);
        return () -> { schedules.remove(f); f.cancel(false); };
    }

    private void execute(RunningJob r, Account account, JobTask task) {
        JobRun run = r.started;
        long startNanos = System.nanoTime();
        // built-in syncs ask stopRequested() between pages (cursor kept); a custom task stops at its next report
        boolean builtIn = java.util.Arrays.stream(JobKind.values()).anyMatch(k -> k.name().equals(run.kind()));
        SyncListener progress = SyncListener.cancellable(p -> {
            if (r.cancel && !builtIn) {
                throw new JobCancelledException(run.id());
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = p.ratePerSecond() > 0 ? p.ratePerSecond() : seconds <= 0 ? 0 : p.done() / seconds;
            JobProgress jp = new JobProgress(run.id(), run.account(), run.kind(), p.phase(), p.step(), p.done(),
                    p.total(), rate, clock.instant());
            metrics.syncProgress(run.account(), run.kind(), p.done(), p.total());
            listeners.progress(r, jp);
        }, () -> r.cancel);
        JobState state;
        String summary = "";
        String error = null;
        long items = 0;
        try {
            SyncResult result = task.run(account, clients.apply(account), progress);
            state = JobState.SUCCEEDED;
            if (result != null) {
                items = result.fetched();
                summary = "fetched=" + result.fetched() + " stored=" + result.stored() + " removed="
                        + result.removed() + " apiCalls=" + result.apiCalls();
            }
        } catch (RuntimeException | Error e) {
            if (r.lost) {
                state = JobState.ABANDONED;
                error = "lost the lease (the store could not be reached or another node took over)";
            } else if (r.cancel || JobSupport.cancelled(e)) {
                state = JobState.CANCELLED;
                error = "cancelled";
            } else {
                state = JobState.FAILED;
                error = JobSupport.message(e);
                LOG.warn("job {} ({} of {}) failed: {}", run.id(), run.kind(), run.account(), error);
            }
        }
        JobRun ended = run.end(clock.instant(), state, summary, error);
        try {
            if (!r.lost) {
                store.save(ended);
            } else if (store.find(run.id()).map(JobRun::state).orElse(JobState.RUNNING) == JobState.RUNNING) {
                store.save(ended); // no other node recorded the take-over
            }
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not record its end: {}", run.id(), e.getMessage());
        } finally {
            try {
                store.release(run.account(), run.kind(), run.id());
            } catch (RuntimeException e) {
                LOG.warn("job {}: could not release its lease (it expires by itself): {}", run.id(), e.getMessage());
            }
            metrics.syncFinished(run.account(), run.kind(), state.name(), items,
                    Duration.ofNanos(System.nanoTime() - startNanos));
            listeners.finished(r, ended);
            running.remove(run.id());
            r.done.complete(ended);
        }
    }


    private void heartbeat() {
        for (RunningJob r : running.values()) {
            JobRun run = r.started;
            try {
                if (!store.renew(run.account(), run.kind(), run.id(), clock.instant().plus(leaseTtl))) {
                    r.lost = true;
                    r.cancel = true;
                } else if (store.cancelRequested(run.id())) {
                    r.cancel = true;
                }
            } catch (RuntimeException e) {
                LOG.warn("job {}: heartbeat failed: {}", run.id(), e.getMessage());
            }
        }
    }

    /** Renews the leases of the runs on this node now (the heartbeat does it periodically). */
    public void heartbeatNow() {
        heartbeat();
    }

    /**
     * Stops: cancels the runs on this node, waits up to 5 s for them to end (releasing their leases), stops the
     * schedules and the threads.
     */
    @Override
    public void close() {
        closed = true;
        heartbeat.cancel(false);
        schedules.forEach(f -> f.cancel(false)); // also when the scheduler is the caller's
        List<CompletableFuture<JobRun>> pending = new ArrayList<>();
        for (RunningJob r : running.values()) {
            r.cancel = true;
            pending.add(r.done);
        }
        workers.shutdown();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("job runner closed with {} jobs still running", running.size());
        }
        workers.shutdownNow();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
