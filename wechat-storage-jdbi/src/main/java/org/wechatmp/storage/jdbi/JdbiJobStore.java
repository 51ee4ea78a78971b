package org.wechatmp.storage.jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.wechatmp.core.jobs.JobLease;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;
import org.wechatmp.core.jobs.JobStore;

/**
 * The shared job store: {@code wx_job_lease} holds one row per running (account, kind). A start INSERTs the row (the
 * primary key lets exactly one node win); a take-over is an UPDATE conditioned on the expired run's id and its
 * {@code lease_until} being past (compare-and-set); renew and release act only on the holder's row. Run records are
 * {@code wx_job_run}, written update-then-insert.
 */
final class JdbiJobStore implements JobStore {
    private static final RowMapper<JobRun> RUN = (rs, ctx) -> {
        long ended = rs.getLong("ended_at");
        boolean noEnd = rs.wasNull();
        return new JobRun(rs.getString("id"), rs.getString("account"), rs.getString("kind"),
                rs.getString("started_by"), Instant.ofEpochMilli(rs.getLong("started_at")),
                noEnd ? null : Instant.ofEpochMilli(ended), JobState.valueOf(rs.getString("state")),
                rs.getString("summary"), rs.getString("error"));
    };

    private final Jdbi jdbi;

    JdbiJobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<JobLease> lease(String account, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_id, owner, lease_until FROM wx_job_lease WHERE "
                + "account = :a AND kind = :k").bind("a", account).bind("k", kind)
                .map((rs, ctx) -> new JobLease(account, kind, rs.getString("job_id"), rs.getString("owner"),
                        Instant.ofEpochMilli(rs.getLong("lease_until")))).findOne());
    }

    @Override
    public boolean claim(JobLease lease, String previousJobId, Instant now) {
        if (previousJobId != null) {
            return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_job_lease SET job_id = :id, owner = :owner, "
                    + "lease_until = :until WHERE account = :a AND kind = :k AND job_id = :prev AND lease_until < :now")
                    .bind("id", lease.jobId()).bind("owner", lease.owner()).bind("until", lease.until().toEpochMilli())
                    .bind("a", lease.account()).bind("k", lease.kind()).bind("prev", previousJobId)
                    .bind("now", now.toEpochMilli()).execute()) == 1;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_job_lease (account, kind, job_id, owner, lease_until) "
                    + "VALUES (:a, :k, :id, :owner, :until)").bind("a", lease.account()).bind("k", lease.kind())
                    .bind("id", lease.jobId()).bind("owner", lease.owner())
                    .bind("until", lease.until().toEpochMilli()).execute());
            return true;
        } catch (RuntimeException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean renew(String account, String kind, String jobId, Instant until) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_job_lease SET lease_until = :until WHERE account = :a "
                + "AND kind = :k AND job_id = :id").bind("until", until.toEpochMilli()).bind("a", account)
                .bind("k", kind).bind("id", jobId).execute()) == 1;
    }

    @Override
    public void release(String account, String kind, String jobId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM wx_job_lease WHERE account = :a AND kind = :k AND job_id = :id")
                .bind("a", account).bind("k", kind).bind("id", jobId).execute());
    }

    @Override
    public void save(JobRun run) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE wx_job_run SET ended_at = :ended, state = :state, summary = :summary, "
                    + "error = :error WHERE id = :id").bind("ended", Sql.millis(run.endedAt()))
                    .bind("state", run.state().name()).bind("summary", Sql.cut(run.summary(), 1024))
                    .bind("error", Sql.cut(run.error(), 2048)).bind("id", run.id()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO wx_job_run (id, account, kind, started_by, started_at, ended_at, state, "
                        + "summary, error, cancel_requested) VALUES (:id, :a, :k, :by, :started, :ended, :state, "
                        + ":summary, :error, FALSE)").bind("id", run.id()).bind("a", run.account())
                        .bind("k", run.kind()).bind("by", Sql.cut(run.startedBy(), 128))
                        .bind("started", run.startedAt().toEpochMilli()).bind("ended", Sql.millis(run.endedAt()))
                        .bind("state", run.state().name()).bind("summary", Sql.cut(run.summary(), 1024))
                        .bind("error", Sql.cut(run.error(), 2048)).execute();
            }
        });
    }

    @Override
    public Optional<JobRun> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_job_run WHERE id = :id").bind("id", id).map(RUN)
                .findOne());
    }

    @Override
    public List<JobRun> recent(String account, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_job_run WHERE account = :a ORDER BY started_at "
                + "DESC, id DESC").bind("a", account).setMaxRows(Math.max(1, limit)).map(RUN).list());
    }

    @Override
    public void requestCancel(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_job_run SET cancel_requested = TRUE WHERE id = :id")
                .bind("id", id).execute());
    }

    @Override
    public boolean cancelRequested(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested FROM wx_job_run WHERE id = :id")
                .bind("id", id).mapTo(Boolean.class).findOne().orElse(false));
    }
}
