package org.wechatmp.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.wechatmp.core.callback.CallbackAdmission;
import org.wechatmp.core.callback.CallbackResponse;

/**
 * Reads an admitted callback body without blocking a thread while bytes trickle in, under a total deadline: the
 * first of "all data read", "too large", "broken", "deadline" answers, exactly once. A body whose declared length
 * has already arrived whole ({@link #readArrived}, the usual case for WeChat's small POSTs) is read on the request
 * thread at once, with no async cycle and no deadline task: reading bytes already there cannot block.
 */
final class AsyncBody implements ReadListener, AsyncListener {
    private final CallbackAdmission admission;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final long declared;
    private final int max;
    private final ByteArrayOutputStream body;
    private final byte[] chunk;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> deadline;

    private AsyncBody(CallbackAdmission admission, AsyncContext async, ServletInputStream in, long declared,
            int max) {
        this.admission = admission;
        this.async = async;
        this.in = in;
        this.declared = declared;
        this.max = max;
        this.body = new ByteArrayOutputStream(declared > 0 && declared <= max ? (int) declared : 4096);
        this.chunk = new byte[declared > 0 && declared < 8192 ? (int) declared + 1 : 8192];
    }

    /**
     * Completes the admission at once when the body's declared length is known, within the limit and already received
     * whole (the stream says that many bytes can be read without blocking); otherwise {@code null}, nothing read.
     */
    static CallbackResponse readArrived(HttpServletRequest req, CallbackAdmission admission, long declared, int max)
            throws IOException {
        if (declared <= 0 || declared > max) {
            return null;
        }
        ServletInputStream in = req.getInputStream();
        if (in.available() < declared) {
            return null;
        }
        byte[] body = new byte[(int) declared];
        int read = 0;
        while (read < body.length) {
            int n = in.read(body, read, body.length - read); // available: does not block
            if (n < 0) {
                return admission.bodyIncomplete();
            }
            read += n;
        }
        return admission.complete(body);
    }

    static void start(HttpServletRequest req, CallbackAdmission admission, long declared, int max,
            ScheduledExecutorService timer) throws IOException {
        AsyncContext async = req.startAsync();
        // a backstop only: the body deadline below answers first, and the handler deadline is seconds
        async.setTimeout(admission.bodyDeadline().toMillis() + 60_000);
        AsyncBody reader = new AsyncBody(admission, async, req.getInputStream(), declared, max);
        async.addListener(reader);
        reader.deadline = timer.schedule(() -> reader.finish(admission::bodyTimedOut),
                admission.bodyDeadline().toNanos(), TimeUnit.NANOSECONDS);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done.get() && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return;
            }
            body.write(chunk, 0, n);
            if (body.size() > max) {
                finish(admission::bodyTooLarge);
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (declared >= 0 && body.size() != declared) {
            finish(admission::bodyIncomplete);
        } else {
            finish(() -> admission.complete(body.toByteArray()));
        }
    }

    @Override
    public void onError(Throwable t) {
        finish(admission::bodyIncomplete);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(admission::bodyTimedOut);
    }

    @Override
    public void onError(AsyncEvent event) {
        finish(admission::bodyIncomplete);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing to release
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /** Answers once: the first caller wins, the deadline is cancelled before the pipeline runs. */
    private void finish(Supplier<CallbackResponse> answer) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
        try {
            Http.write((HttpServletResponse) async.getResponse(), answer.get());
        } catch (IOException | RuntimeException e) {
            // the client has gone; nothing more to tell it
        } finally {
            async.complete();
        }
    }
}
