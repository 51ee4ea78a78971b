package org.wechatmp.core.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The runner's listeners: those given to the builder hear every run, the subscribed ones their run. */
final class JobListeners {
    private final List<JobListener> global;
    private final Map<String, List<JobListener>> perJob = new ConcurrentHashMap<>();

    JobListeners(List<JobListener> global) {
        this.global = List.copyOf(global);
    }

    List<JobListener> add(String jobId, JobListener listener) {
        List<JobListener> list = perJob.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return list;
    }

    void remove(String jobId) {
        perJob.remove(jobId);
    }

    void notify(String jobId, Consumer<JobListener> call) {
        for (JobListener l : global) {
            JobSupport.safely(() -> call.accept(l));
        }
        List<JobListener> list = perJob.get(jobId);
        if (list != null) {
            for (JobListener l : list) {
                JobSupport.safely(() -> call.accept(l));
            }
        }
    }

    /** Reports a running job's progress under the run's lock, as {@link #subscribe} replays: heard once, in order. */
    void progress(RunningJob r, JobProgress p) {
        synchronized (r) {
            r.last = p;
            notify(r.started.id(), l -> l.progress(p));
        }
    }

    /** Reports a run's end and forgets its subscribers, under the run's lock. */
    void finished(RunningJob r, JobRun ended) {
        synchronized (r) {
            r.end = ended;
            notify(r.started.id(), l -> l.finished(ended));
            remove(r.started.id());
        }
    }

    /**
     * Subscribes to a run running on this node: the latest progress is replayed (or the end reported) under the
     * run's lock, so nothing reported meanwhile is heard twice or missed.
     */
    AutoCloseable subscribe(RunningJob r, JobListener listener) {
        synchronized (r) {
            JobRun end = r.end;
            if (end != null) {
                JobSupport.safely(() -> listener.finished(end));
                return () -> { };
            }
            List<JobListener> list = add(r.started.id(), listener);
            JobProgress last = r.last;
            if (last != null) {
                JobSupport.safely(() -> listener.progress(last));
            }
            return () -> list.remove(listener);
        }
    }
}
