package org.wechatmp.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.wechatmp.core.WeChatException;

/**
 * Records one run of a sync: its {@link SyncState} (started, after each page, and how it ended) and its
 * {@link SyncProgress} events with a rate from the injected clock, and turns cancellation requests and failures into
 * a recorded {@link SyncException}. Every sync service uses one per run, so a failure is always recorded
 * {@link SyncPhase#FAILED} and a success {@link SyncPhase#DONE}.
 */
final class SyncRecorder {
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(access_token|secret|ticket|password|aes_?key)(\"?\\s*[=:]\\s*\"?)[^&\\s\",}]+");
    private static final int MAX_MESSAGE = 500;

    private final SyncStateStore states;
    private final Clock clock;
    private final String account;
    private final String kind;
    private final SyncListener listener;
    private final Instant started;
    private String cursor;
    private long done;
    private long total;
    private long calls;
    private boolean ended;

    private SyncRecorder(SyncStateStore states, Clock clock, String account, String kind, String cursor,
            SyncListener listener) {
        this.states = states;
        this.clock = clock;
        this.account = account;
        this.kind = kind;
        this.cursor = cursor;
        this.listener = listener == null ? SyncListener.NONE : listener;
        this.started = clock.instant();
    }

    /**
     * Starts a run: records {@link SyncPhase#STARTED} with the cursor it begins from.
     */
    static SyncRecorder start(SyncStateStore states, Clock clock, String account, String kind, String cursor,
            SyncListener listener) {
        SyncRecorder r = new SyncRecorder(states, clock, account, kind, cursor, listener);
        r.save(SyncPhase.STARTED, "started");
        r.emit(SyncPhase.STARTED, "started");
        return r;
    }

    /** Counts one call to WeChat. */
    void call() {
        calls++;
    }

    long calls() {
        return calls;
    }

    /** Sets how many items WeChat said there are. */
    void total(long total) {
        this.total = Math.max(0, total);
    }

    /** Reports progress within a page, without writing the state. */
    void tick(String step, long done) {
        this.done = done;
        emit(SyncPhase.RUNNING, step);
    }

    /** A page is stored: writes the state with the cursor a resumed run starts from, and reports progress. */
    void page(String step, long done, String cursor) {
        this.done = done;
        this.cursor = cursor;
        save(SyncPhase.RUNNING, "running");
        emit(SyncPhase.RUNNING, step);
    }

    /**
     * Called between pages: when the listener asks to stop, records {@link SyncPhase#CANCELLED} and throws.
     *
     * @throws SyncException when cancellation was requested
     */
    void checkStop() {
        if (!ended && listener.stopRequested()) {
            String message = "cancelled after " + done + " of " + total;
            end(SyncPhase.CANCELLED, "cancelled: " + done + " done, resumes after the saved cursor");
            throw new SyncException(kind + " sync of " + account + " " + message, cursor,
                    new SyncResult(kind, SyncPhase.CANCELLED, done, done, 0, calls), null);
        }
    }

    /** Records {@link SyncPhase#DONE} with a summary. */
    SyncResult done(long fetched, long stored, long removed, String summary) {
        this.done = Math.max(fetched, stored);
        if (total == 0) {
            total = done;
        }
        end(SyncPhase.DONE, "ok: " + summary);
        return new SyncResult(kind, SyncPhase.DONE, fetched, stored, removed, calls);
    }

    /**
     * Records a failure and returns what to throw: a {@link SyncException} for a WeChat failure or a short or
     * malformed answer; other exceptions (a database failure) are recorded and returned as they are.
     */
    RuntimeException failed(RuntimeException e) {
        if (e instanceof SyncException && ended) {
            return e;
        }
        String message = safe(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        end(SyncPhase.FAILED, "failed: " + message);
        if (e instanceof WeChatException) {
            return new SyncException(kind + " sync of " + account + " stopped after " + done + " of " + total + ": "
                    + message, cursor, new SyncResult(kind, SyncPhase.FAILED, done, done, 0, calls), e);
        }
        return e;
    }

    /** A short or malformed answer from WeChat. */
    static WeChatException incomplete(String message) {
        return new WeChatException("incomplete answer from WeChat: " + message);
    }

    static String safe(String message) {
        String m = SECRET.matcher(message).replaceAll("$1$2***");
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "...";
    }

    private void end(SyncPhase phase, String result) {
        ended = true;
        save(phase, result);
        emit(phase, phase.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void save(SyncPhase phase, String result) {
        states.put(new SyncState(account, kind, cursor, phase, done, total, result, clock.instant()));
    }

    private void emit(SyncPhase phase, String step) {
        listener.progress(new SyncProgress(account, kind, phase, step, done, total, rate()));
    }

    private double rate() {
        long nanos = Duration.between(started, clock.instant()).toNanos();
        return nanos <= 0 ? 0 : done * 1_000_000_000.0 / nanos;
    }
}
