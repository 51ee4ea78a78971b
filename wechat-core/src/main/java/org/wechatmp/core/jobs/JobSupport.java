package org.wechatmp.core.jobs;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers of the job runner: how a run ended, safe listener calls, daemon threads. */
final class JobSupport {
    private static final Logger LOG = LoggerFactory.getLogger("wechat.jobs");

    private JobSupport() {
    }

    static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobCancelledException
                    || t instanceof org.wechatmp.core.sync.SyncException se && se.cancelled()) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 1000 ? m.substring(0, 1000) + "..." : m;
    }

    static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a job listener failed: {}", e.toString());
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
