package org.wechatmp.admin.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /a/{account}/messages/{openid}/events} connection: each new line of the thread as a server-sent event
 * {@code message} (an HTML fragment on one line), and {@code window} (the reply box, re-rendered) after a message
 * from the follower when the box was closed. The callback thread only queues (at most {@value #MAX_QUEUED} lines;
 * past that the stream asks the page to reload and ends, so a slow client never holds memory or the callback); a
 * shared scheduler writes, and a slow client holds at most one of its threads. A keep-alive comment every 15 s finds
 * a browser that went away, and then the subscription is released.
 */
final class ConversationStream implements AsyncListener {
    static final int MAX_QUEUED = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStream.class);

    private final AsyncContext ac;
    private final ScheduledExecutorService exec;
    private final Function<ConversationRow, String> renderRow;
    private final Function<ConversationRow, String> renderWindow;
    private final Queue<ConversationRow> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean overflow;
    private volatile boolean needWindow;
    private volatile boolean closed;
    private volatile AutoCloseable subscription;
    private volatile ScheduledFuture<?> ticks;

    ConversationStream(AsyncContext ac, ScheduledExecutorService exec, Function<ConversationRow, String> renderRow,
            Function<ConversationRow, String> renderWindow) {
        this.ac = ac;
        this.exec = exec;
        this.renderRow = renderRow;
        this.renderWindow = renderWindow;
    }

    /**
     * Starts streaming.
     *
     * @param sub the subscription, released when the stream ends
     * @param windowClosed whether the page's reply box is closed (then the first message from the follower opens it;
     *        an open box is never re-rendered, so nothing typed into it is lost)
     */
    void open(AutoCloseable sub, boolean windowClosed) {
        this.subscription = sub;
        this.needWindow = windowClosed;
        ac.addListener(this);
        ticks = exec.scheduleWithFixedDelay(this::tick, 15, 15, TimeUnit.SECONDS);
        if (closed) {
            close();
        }
    }

    boolean closed() {
        return closed;
    }

    /** Queues a line without blocking (the callback thread calls this). */
    void offer(ConversationRow row) {
        if (closed) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            overflow = true;
        } else {
            queue.add(row);
        }
        schedule();
    }

    private void flush() {
        if (!lock.tryLock()) {
            // another flush is writing (a slow client): it picks up the queue when it ends, without holding a
            // second scheduler thread here
            scheduled.set(false);
            return;
        }
        try {
            scheduled.set(false);
            if (!closed) {
                drain();
            }
        } finally {
            lock.unlock();
        }
        if (!closed && (overflow || !queue.isEmpty())) {
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                exec.schedule(this::flush, 50, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                closed = true; // the scheduler is shut down
            }
        }
    }

    private void drain() {
        try {
            if (overflow) {
                write("reload", "");
                close();
                return;
            }
            ConversationRow r;
            while ((r = queue.poll()) != null) {
                queued.decrementAndGet();
                write("message", renderRow.apply(r));
                if (r.in() && needWindow) {
                    needWindow = false;
                    write("window", renderWindow.apply(r));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("thread event stream closed: {}", e.toString());
            close();
        }
    }

    private void tick() {
        if (closed || !lock.tryLock()) {
            return; // a flush is writing anyway
        }
        try {
            Sse.keepAlive(ac);
        } catch (IOException | RuntimeException e) {
            close();
        } finally {
            lock.unlock();
        }
    }

    private void write(String event, String html) throws IOException {
        Sse.event(ac, event, html);
    }

    void close() {
        closed = true;
        AutoCloseable sub = subscription;
        subscription = null;
        queue.clear();
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
        // not re-dispatched
    }
}
