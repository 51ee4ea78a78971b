package org.wechatmp.core.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.metrics.WeChatMetrics;

/**
 * Writes the message log off the callback thread: bounded queues, each drained in batches by its own daemon writer
 * thread (two by default: while one waits for the database to store its batch the other gathers and sends the next;
 * with one, a database sharing the CPU with a busy callback fell behind and a fifth of the entries were dropped in the
 * load benchmark, with two none were). A follower's entries always go to the same writer, so a conversation is stored
 * in order (a reply after its message); the capacity is shared among the queues. When a queue is full an entry is
 * counted ({@link WeChatMetrics#messageLogDropped}) and dropped with a warning; the callback
 * never waits and never fails for it.
 */
final class AsyncMessageLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("wechat.handler");
    private static final int BATCH = 1_000;
    /** A batch smaller than this waits {@link #LINGER_NANOS} for more entries before it is written. */
    static final int FULL_ENOUGH = 200;
    /**
     * How long a small batch waits for company: under load the database then stores a few hundred rows per statement
     * and commit instead of a dozen (the per-statement and per-commit work was most of the log's database CPU); an
     * entry reaches the database at most this much later.
     */
    static final long LINGER_NANOS = 20_000_000L;

    private final MessageLogStore store;
    private final List<BlockingQueue<MessageLogEntry>> queues = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final WeChatMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    AsyncMessageLog(MessageLogStore store, int capacity) {
        this(store, capacity, 2, WeChatMetrics.NONE);
    }

    AsyncMessageLog(MessageLogStore store, int capacity, int writers, WeChatMetrics metrics) {
        if (writers < 1) {
            throw new IllegalArgumentException("at least one message log writer");
        }
        this.store = store;
        this.metrics = metrics;
        for (int i = 0; i < writers; i++) {
            BlockingQueue<MessageLogEntry> queue = new ArrayBlockingQueue<>(Math.max(1, capacity / writers));
            queues.add(queue);
            Thread worker = new Thread(() -> drain(queue), "wechat-message-log-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void offer(MessageLogEntry entry) {
        pending.incrementAndGet();
        String follower = entry.account() + '\u0000' + entry.openid();
        if (!queues.get(Math.floorMod(follower.hashCode(), queues.size())).offer(entry)) {
            pending.decrementAndGet();
            long n = dropped.incrementAndGet();
            metrics.messageLogDropped(1);
            if (n == 1 || (n & 1023) == 0) {
                LOG.warn("message log queue is full; {} entries dropped so far", n);
            }
        }
    }

    private void drain(BlockingQueue<MessageLogEntry> queue) {
        List<MessageLogEntry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                MessageLogEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                linger(queue, batch);
                try {
                    write(batch);
                } finally {
                    pending.addAndGet(-batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Lets a small batch gather more entries for {@link #LINGER_NANOS}, unless the log is closing. The writer sleeps
     * rather than waits on the queue: a waiting consumer would be woken by every entry offered meanwhile (two context
     * switches per entry under load, most of the writer's CPU).
     */
    private void linger(BlockingQueue<MessageLogEntry> queue, List<MessageLogEntry> batch)
            throws InterruptedException {
        if (!running || batch.size() >= FULL_ENOUGH) {
            return;
        }
        LockSupport.parkNanos(this, LINGER_NANOS);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        queue.drainTo(batch, BATCH - batch.size());
    }

    /**
     * Writes a batch; if the store refuses it, writes the rows one by one, so a bad row costs only itself. A row the
     * store refuses alone is dropped, counted and logged without its content.
     */
    private void write(List<MessageLogEntry> batch) {
        try {
            store.append(List.copyOf(batch));
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                dropRow(batch.get(0), e);
                return;
            }
            LOG.warn("message log write of {} entries failed ({}); writing them one by one", batch.size(),
                    LogSafe.of(e.getMessage()));
        }
        for (MessageLogEntry entry : batch) {
            try {
                store.append(List.of(entry));
            } catch (RuntimeException e) {
                dropRow(entry, e);
            }
        }
    }

    private void dropRow(MessageLogEntry entry, RuntimeException e) {
        long n = dropped.incrementAndGet();
        metrics.messageLogDropped(1);
        LOG.error("message log entry dropped ({} so far): account {}, {} msgId {}, type {}: {}", n,
                LogSafe.of(entry.account()), entry.direction(), entry.msgId(), LogSafe.of(entry.msgType()),
                LogSafe.of(e.getClass().getSimpleName()));
    }

    /** Entries dropped so far: a full queue, or a row the store refused. */
    long dropped() {
        return dropped.get();
    }

    /** Waits until everything queued so far is written (for tests and shutdown). */
    void flush(long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (pending.get() > 0 && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Thread worker : workers) {
                worker.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
