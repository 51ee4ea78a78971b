package org.wechatmp.admin.web;

import org.wechatmp.core.jobs.JobProgress;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;

/**
 * A job as a page shows it.
 *
 * @param run the run's record
 * @param progress its latest progress on this node, or {@code null}
 * @param canEdit whether the user may cancel or resume it
 */
record JobView(JobRun run, JobProgress progress, boolean canEdit) {

    boolean running() {
        return run.state() == JobState.RUNNING;
    }

    boolean resumable() {
        return run.state() == JobState.FAILED || run.state() == JobState.CANCELLED
                || run.state() == JobState.ABANDONED;
    }

    /** Items done, or for a finished successful run the total. */
    long done() {
        return progress == null ? 0 : progress.done();
    }

    /** Items expected; 0 when unknown. */
    long total() {
        return progress == null ? 0 : progress.total();
    }

    /** The bar's maximum: the total, or 1 when unknown. */
    long max() {
        if (run.state() == JobState.SUCCEEDED) {
            return Math.max(1, Math.max(total(), done()));
        }
        return total() > 0 ? total() : Math.max(1, done());
    }

    /** The bar's value. */
    long value() {
        return run.state() == JobState.SUCCEEDED ? max() : Math.min(done(), max());
    }

    /** Percent done. */
    int percent() {
        return (int) (value() * 100 / max());
    }

    String rate() {
        return progress == null ? "0" : String.format(java.util.Locale.ROOT, "%.0f", progress.ratePerSecond());
    }

    String step() {
        return progress == null || progress.step() == null ? "" : progress.step();
    }

    String badge() {
        return switch (run.state()) {
            case RUNNING -> "text-bg-primary";
            case SUCCEEDED -> "text-bg-success";
            case FAILED, ABANDONED -> "text-bg-danger";
            case CANCELLED -> "text-bg-warning";
        };
    }
}
