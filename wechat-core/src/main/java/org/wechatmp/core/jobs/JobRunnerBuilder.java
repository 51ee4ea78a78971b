package org.wechatmp.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.wechatmp.core.Account;
import org.wechatmp.core.AccountRegistry;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.metrics.WeChatMetrics;

/** Builds a {@link JobRunner}. */
public final class JobRunnerBuilder {
    final JobStore store;
    final AccountRegistry accounts;
    final Function<Account, WeChatClient> clients;
    final Map<String, JobTask> tasks = new ConcurrentHashMap<>();
    final List<JobListener> listeners = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    Duration leaseTtl = Duration.ofSeconds(60);
    Duration heartbeat = Duration.ofSeconds(15);
    WeChatMetrics metrics = WeChatMetrics.NONE;
    ScheduledExecutorService scheduler;

    JobRunnerBuilder(JobStore store, AccountRegistry accounts, Function<Account, WeChatClient> clients) {
        this.store = Objects.requireNonNull(store, "store");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /**
     * Registers the work of a kind (a built-in kind's name replaces its default work).
     *
     * @param kind the kind's name, e.g. {@code FOLLOWERS_FULL} or a custom one
     * @param task the work
     * @return this builder
     */
    public JobRunnerBuilder task(String kind, JobTask task) {
        if (kind == null || !kind.matches("[-_A-Za-z0-9.]{1,64}")) {
            throw new IllegalArgumentException("a job kind is 1-64 letters, digits, '-', '_' or '.': " + kind);
        }
        tasks.put(kind, Objects.requireNonNull(task, "task"));
        return this;
    }

    /**
     * Registers the work of a built-in kind.
     *
     * @param kind the kind
     * @param task the work
     * @return this builder
     */
    public JobRunnerBuilder task(JobKind kind, JobTask task) {
        return task(kind.name(), task);
    }

    /**
     * A listener of every run on this node.
     *
     * @param listener the listener
     * @return this builder
     */
    public JobRunnerBuilder listener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The clock of leases and records; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public JobRunnerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * How long a lease lasts without renewal (default 60 s) and how often it is renewed (default 15 s).
     *
     * @param ttl the lease time
     * @param heartbeat the renewal period, well below {@code ttl}
     * @return this builder
     */
    public JobRunnerBuilder lease(Duration ttl, Duration heartbeat) {
        if (heartbeat.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("the heartbeat must be shorter than the lease");
        }
        this.leaseTtl = ttl;
        this.heartbeat = heartbeat;
        return this;
    }

    /**
     * Where sync progress and results are reported.
     *
     * @param metrics the metrics
     * @return this builder
     */
    public JobRunnerBuilder metrics(WeChatMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * The scheduler of heartbeats and schedules; default a daemon thread of the runner's own. A given one is
     * not shut down by {@link JobRunner#close()}.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public JobRunnerBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     */
    public JobRunner build() {
        return new JobRunner(this);
    }
}
