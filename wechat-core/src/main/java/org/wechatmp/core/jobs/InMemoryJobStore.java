package org.wechatmp.core.jobs;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link JobStore} in this JVM's memory: the default, right for one process (several runners sharing one instance
 * behave as several nodes sharing a database).
 */
public final class InMemoryJobStore implements JobStore {
    private final ConcurrentMap<String, JobLease> leases = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, JobRun> runs = new ConcurrentHashMap<>();
    private final Set<String> cancels = ConcurrentHashMap.newKeySet();

    /** Creates an empty store. */
    public InMemoryJobStore() {
    }

    private static String key(String account, String kind) {
        return account + '\u0000' + kind;
    }

    @Override
    public Optional<JobLease> lease(String account, String kind) {
        return Optional.ofNullable(leases.get(key(account, kind)));
    }

    @Override
    public boolean claim(JobLease lease, String previousJobId, Instant now) {
        String k = key(lease.account(), lease.kind());
        if (previousJobId == null) {
            return leases.putIfAbsent(k, lease) == null;
        }
        JobLease result = leases.computeIfPresent(k, (key, held) ->
                held.jobId().equals(previousJobId) && held.until().isBefore(now) ? lease : held);
        return result == lease;
    }

    @Override
    public boolean renew(String account, String kind, String jobId, Instant until) {
        JobLease result = leases.computeIfPresent(key(account, kind), (k, held) -> held.jobId().equals(jobId)
                ? new JobLease(account, kind, jobId, held.owner(), until) : held);
        return result != null && result.jobId().equals(jobId);
    }

    @Override
    public void release(String account, String kind, String jobId) {
        leases.computeIfPresent(key(account, kind), (k, held) -> held.jobId().equals(jobId) ? null : held);
    }

    @Override
    public void save(JobRun run) {
        runs.put(run.id(), run);
    }

    @Override
    public Optional<JobRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public List<JobRun> recent(String account, int limit) {
        return runs.values().stream().filter(r -> r.account().equals(account))
                .sorted(Comparator.comparing(JobRun::startedAt).thenComparing(JobRun::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public void requestCancel(String id) {
        cancels.add(id);
    }

    @Override
    public boolean cancelRequested(String id) {
        return cancels.contains(id);
    }
}
