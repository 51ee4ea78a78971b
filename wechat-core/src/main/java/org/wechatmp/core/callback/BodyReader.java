package org.wechatmp.core.callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.wechatmp.core.WeChatException;

/**
 * Reads a request body from a blocking stream under a total deadline, not the container's idle timeout: a watchdog
 * on the callback's timer interrupts the reading thread and closes the stream when the deadline passes, so a client
 * trickling bytes holds a thread for at most the deadline. The reading thread's interrupt flag is cleared again
 * before it returns.
 */
final class BodyReader {
    /** Why a body was not read. */
    enum Problem {
        /** More bytes than the limit. */
        TOO_LARGE,
        /** Fewer bytes than {@code Content-Length}, a broken chunk, or a read error. */
        INCOMPLETE,
        /** The deadline passed first. */
        TIMED_OUT
    }

    /** A body that could not be read. */
    static final class Failed extends WeChatException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Failed(Problem problem) {
            super(problem.name());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private BodyReader() {
    }

    static byte[] read(InputStream in, long declared, int max, Duration deadline, ScheduledExecutorService timer) {
        Thread reader = Thread.currentThread();
        Object lock = new Object();
        boolean[] state = new boolean[2]; // [0] finished reading, [1] timed out (under the lock)
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            synchronized (lock) {
                if (state[0]) {
                    return;
                }
                state[1] = true;
                timedOut.set(true);
                reader.interrupt();
            }
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the reader sees the close or the interrupt
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= max ? (int) declared : 4096);
        Problem problem = null;
        try {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0 && !timedOut.get()) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    problem = Problem.TOO_LARGE;
                    break;
                }
            }
            if (problem == null && declared >= 0 && out.size() != declared) {
                problem = Problem.INCOMPLETE;
            }
        } catch (IOException | RuntimeException e) {
            problem = Problem.INCOMPLETE;
        } finally {
            watchdog.cancel(false);
            synchronized (lock) {
                state[0] = true;
                if (state[1]) {
                    Thread.interrupted(); // the watchdog's interrupt was for this read only
                    problem = Problem.TIMED_OUT;
                }
            }
        }
        if (problem != null) {
            throw new Failed(problem);
        }
        return out.toByteArray();
    }
}
