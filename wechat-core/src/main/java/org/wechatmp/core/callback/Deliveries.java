package org.wechatmp.core.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.WeChatCryptoException;
import org.wechatmp.core.crypto.WeChatCryptoException.Reason;
import org.wechatmp.core.message.WeChatMessage;

/**
 * Replay defence and deduplication, after the body was parsed (so a refused request never burns a nonce):
 *
 * <ul>
 *   <li>a fresh nonce claims the message's dedupe key: the first delivery runs the handler, a redelivery waits for
 *       it or takes its recorded reply;</li>
 *   <li>a reused nonce is a redelivery only if the message has a dedupe record. The record is looked for until it
 *       appears, for up to {@link #RECORD_GRACE} (another node may have taken the nonce and not yet claimed the key),
 *       and then answered with the recorded reply, waiting while it is in progress. With no record it is a replay of
 *       another body and is refused (400); it can never run a handler.</li>
 * </ul>
 */
final class Deliveries {
    static final Duration RECORD_GRACE = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 5;

    /** Where a delivery stands: {@code claimed} means this request runs the handler; otherwise {@code reply}. */
    record Entry(boolean claimed, String reply) {
    }

    private final Deduplicator dedupe;
    private final NonceStore nonces;
    /** The two stores as one, when they are: a fresh nonce and its claim in one round trip. */
    private final DeliveryGate gate;
    private final boolean replayProtection;
    private final Duration nonceTtl;
    private final LongSupplier nanoTime;
    private final long deadlineNanos;

    Deliveries(Deduplicator dedupe, NonceStore nonces, boolean replayProtection, Duration nonceTtl,
            LongSupplier nanoTime, Duration deadline) {
        this.dedupe = dedupe;
        this.nonces = nonces;
        this.gate = dedupe == nonces && dedupe instanceof DeliveryGate g ? g : null;
        this.replayProtection = replayProtection;
        this.nonceTtl = nonceTtl;
        this.nanoTime = nanoTime;
        this.deadlineNanos = deadline.toNanos();
    }

    /** Records a GET handshake's nonce; a reuse is refused. */
    void handshake(InboundProtocol.Inbound in, Instant now) {
        if (replayProtection && !nonces.firstUse(in.account().name(), in.timestamp() + ':' + in.nonce(),
                now.plus(nonceTtl))) {
            throw new WeChatCryptoException(Reason.REPLAYED_NONCE, "nonce already used");
        }
    }

    Entry enter(InboundProtocol.Inbound in, String key, Instant now, Instant expires) {
        Deduplicator.Status status;
        boolean reused;
        if (replayProtection && gate != null) {
            Optional<Deduplicator.Status> admitted = gate.admit(in.account().name(), in.timestamp() + ':'
                    + in.nonce(), now.plus(nonceTtl), key, expires);
            reused = admitted.isEmpty();
            status = admitted.orElse(null);
        } else {
            reused = replayProtection && !nonces.firstUse(in.account().name(), in.timestamp() + ':' + in.nonce(),
                    now.plus(nonceTtl));
            status = null;
        }
        if (reused) {
            status = awaitRecord(key, in.started()).orElseThrow(() -> new WeChatCryptoException(
                    Reason.REPLAYED_NONCE, "nonce already used"));
        } else if (status == null) {
            status = dedupe.begin(key, expires);
        }
        return switch (status.state()) {
            case CLAIMED -> new Entry(true, "");
            case DONE -> new Entry(false, status.reply());
            case IN_PROGRESS -> new Entry(false, awaitDone(key, in.started()));
        };
    }

    /** Waits for a dedupe record to appear, for a reused nonce. */
    private Optional<Deduplicator.Status> awaitRecord(String key, long started) {
        long limit = Math.min(nanoTime.getAsLong() + RECORD_GRACE.toNanos(), started + deadlineNanos);
        long polls = RECORD_GRACE.toMillis() / POLL_MILLIS;
        for (long i = 0; ; i++) {
            Optional<Deduplicator.Status> s = dedupe.get(key);
            if (s.isPresent() || i >= polls || nanoTime.getAsLong() >= limit || !sleep()) {
                return s;
            }
        }
    }

    /** Waits for the delivery in progress to finish, until the deadline; its reply, or "" (success). */
    String awaitDone(String key, long started) {
        long polls = deadlineNanos / 1_000_000 / POLL_MILLIS;
        for (long i = 0; i < polls && nanoTime.getAsLong() - started < deadlineNanos; i++) {
            Optional<Deduplicator.Status> s = dedupe.get(key);
            if (s.isPresent() && s.get().state() == Deduplicator.State.DONE) {
                return s.get().reply();
            }
            if (!sleep()) {
                break;
            }
        }
        return "";
    }

    void finish(String key, String replyXml, Instant expires) {
        dedupe.finish(key, replyXml, expires);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String key(Account account, WeChatMessage m) {
        long id = m.msgId();
        if (id != 0 && !m.isEvent()) {
            return account.name() + ":m:" + id;
        }
        return account.name() + ":e:" + m.fromUserName() + ':' + m.createTimeSeconds() + ':' + m.event() + ':'
                + (id != 0 ? id : m.eventKey());
    }
}
