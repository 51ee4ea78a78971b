package org.wechatmp.admin.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.jobs.JobListener;
import org.wechatmp.core.jobs.JobProgress;
import org.wechatmp.core.jobs.JobRun;

/**
 * One {@code /jobs/{id}/events} connection: server-sent events {@code progress} (at most every 100 ms, the latest
 * wins) and a last {@code finished}, each carrying the job's status as an HTML fragment on one line. The job thread
 * only stores the latest value; a shared scheduler writes. A keep-alive comment every 2 s finds a gone client and
 * also notices a run that ended on another node.
 */
final class JobStream implements JobListener, AsyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobStream.class);

    private final AsyncContext ac;
    private final ScheduledExecutorService exec;
    private final Function<JobView, String> render;
    private final Supplier<JobRun> stored;
    private final JobRun started;
    private final AtomicReference<JobProgress> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile JobProgress last;
    private volatile JobRun finished;
    private volatile boolean closed;
    private volatile AutoCloseable subscription;
    private volatile ScheduledFuture<?> ticks;

    JobStream(AsyncContext ac, ScheduledExecutorService exec, JobRun started, Function<JobView, String> render,
            Supplier<JobRun> stored) {
        this.ac = ac;
        this.exec = exec;
        this.started = started;
        this.render = render;
        this.stored = stored;
    }

    void open(AutoCloseable sub) {
        this.subscription = sub;
        ac.addListener(this);
        ticks = exec.scheduleWithFixedDelay(this::tick, 2, 2, TimeUnit.SECONDS);
        if (closed) {
            close();
        }
    }

    @Override
    public void progress(JobProgress progress) {
        last = progress;
        pending.set(progress);
        schedule();
    }

    @Override
    public void finished(JobRun run) {
        finished = run;
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            exec.schedule(this::flush, 100, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void flush() {
        scheduled.set(false);
        if (closed) {
            return;
        }
        try {
            JobProgress p = pending.getAndSet(null);
            JobRun end = finished;
            if (p != null && end == null) {
                write("progress", render.apply(new JobView(started, p, false)));
            }
            if (end != null) {
                write("finished", render.apply(new JobView(end, last, false)));
                close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("job event stream closed: {}", e.toString());
            close();
        }
    }

    private synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            Sse.keepAlive(ac);
            if (finished == null) {
                JobRun run = stored.get();
                if (run != null && run.state().ended()) {
                    finished(run);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    private void write(String event, String html) throws IOException {
        Sse.event(ac, event, html);
    }

    void close() {
        if (closed && subscription == null) {
            return;
        }
        closed = true;
        AutoCloseable sub = subscription;
        subscription = null;
        Sse.release(sub, ticks, ac, LOG);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed = true;
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
