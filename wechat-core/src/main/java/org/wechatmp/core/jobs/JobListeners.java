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
}
