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
 * Replay defence and deduplication, after the body was parsed (so a refused request never burns a nonce).
 *
 * <p>An encrypted (safe or compatible mode) delivery's body is signed with its timestamp and nonce
 * ({@code msg_signature}): a replay of its query can only carry the very same message. Its defence is the dedupe
 * record itself, kept (whatever {@code dedupeTtl} says) until the timestamp has left the window: a replay is a
 * redelivery, answered with the recorded reply (waiting while it is in progress), and runs a handler only if the
 * delivery in progress was lost (its claim lapsed: its node died), the same message being handled once; no nonce is
 * recorded, so each such delivery writes one record, not two.
 *
 * <p>A plaintext delivery's signature covers only the timestamp and nonce, not the body, so its nonce is recorded:
 *
 * <ul>
 *   <li>a fresh nonce claims the message's dedupe key: the first delivery runs the handler, a redelivery waits for
 *       it or takes its recorded reply;</li>
 *   <li>a reused nonce is a redelivery only if the message has a dedupe record. The record is looked for until it
 *       appears, for up to {@link #RECORD_GRACE} (another node may have taken the nonce and not yet claimed the key),
 *       and then answered with the recorded reply, waiting while it is in progress. With no record it is a replay of
 *       another body and is refused (400); it can never run a handler, not even when the claim it waits for lapses (its
 *       body is not vouched for: it answers "success" at the deadline, as it always did).</li>
 * </ul>
 */
final class Deliveries {
    static final Duration RECORD_GRACE = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 5;
    /**
     * A waiting delivery that may take over tries to claim every this many polls (500 ms): a database claim attempt
     * on a held row is a write (it locks the row), and WeChat's retries come 5 s apart.
     */
    private static final long CLAIM_EVERY = 100;

    /** Where a delivery stands: {@code claimed} means this request runs the handler; otherwise {@code reply}. */
    record Entry(boolean claimed, String reply) {
    }

    private final Deduplicator dedupe;
    private final NonceStore nonces;
    /** The two stores as one, when they are: a fresh nonce and its claim in one round trip. */
    private final DeliveryGate gate;
    private final boolean replayProtection;
    private final Duration tolerance;
    private final Duration nonceTtl;
    private final LongSupplier nanoTime;
    private final long deadlineNanos;

    /**
     * The deliveries of one callback.
     *
     * @param tolerance the timestamp window's tolerance: a nonce is remembered twice that long (a timestamp may be
     *     that far ahead of now and stay accepted that long after it)
     */
    Deliveries(Deduplicator dedupe, NonceStore nonces, boolean replayProtection, Duration tolerance,
            LongSupplier nanoTime, Duration deadline) {
        this.dedupe = dedupe;
        this.nonces = nonces;
        this.gate = dedupe == nonces && dedupe instanceof DeliveryGate g ? g : null;
        this.replayProtection = replayProtection;
        this.tolerance = tolerance;
        this.nonceTtl = tolerance.multipliedBy(2);
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

    /**
     * When a message's dedupe record may be forgotten: {@code ttl} after now, and for an encrypted delivery (whose
     * record is its replay defence) not before its timestamp has left the window.
     */
    Instant keyExpiry(InboundProtocol.Inbound in, Instant now, Duration ttl) {
        Instant expires = now.plus(ttl);
        if (!replayProtection || !in.encrypted()) {
            return expires;
        }
        // stage one checked the timestamp: a number within the window
        Instant refused = Instant.ofEpochSecond(Long.parseLong(in.timestamp().trim())).plus(tolerance)
                .plusSeconds(1);
        return refused.isAfter(expires) ? refused : expires;
    }

    /**
     * Where a delivery stands: claimed, or a redelivery's reply.
     *
     * @param expires from {@link #keyExpiry}
     */
    Entry enter(InboundProtocol.Inbound in, String key, Instant now, Instant expires) {
        Deduplicator.Status status;
        boolean reused;
        if (in.encrypted()) {
            // the body is signed with the nonce: the dedupe record alone answers a replay
            status = dedupe.begin(key, expires);
            reused = false;
        } else if (replayProtection && gate != null) {
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
            // only a delivery whose body is vouched for may take over a lapsed claim: an encrypted one (the body is
            // signed) or one that used its nonce first (with replay protection off, any: every body runs anyway);
            // a reused plaintext nonce may carry any body
            case IN_PROGRESS -> awaitDone(key, expires, in.started(), !reused);
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

    /**
     * Waits for the delivery in progress to finish, until the deadline: its reply, or "" (success). A delivery that
     * may take over ({@code mayClaim}: its body is vouched for) tries to claim the key every {@link #CLAIM_EVERY} polls
     * and whenever the record is gone: a shared store lets the claim of a node that stopped lapse (see
     * {@link Deduplicator}), and this delivery then runs the handler itself, so a message whose first node died is
     * still handled once.
     */
    Entry awaitDone(String key, Instant expires, long started, boolean mayClaim) {
        long polls = deadlineNanos / 1_000_000 / POLL_MILLIS;
        for (long i = 0; i < polls && nanoTime.getAsLong() - started < deadlineNanos; i++) {
            // a claim poll skips the lookup: begin answers the state too
            boolean claimPoll = mayClaim && i % CLAIM_EVERY == CLAIM_EVERY - 1;
            Optional<Deduplicator.Status> s = claimPoll ? Optional.empty() : dedupe.get(key);
            if (s.isEmpty() && mayClaim) {
                s = Optional.of(dedupe.begin(key, expires));
                if (s.get().state() == Deduplicator.State.CLAIMED) {
                    return new Entry(true, "");
                }
            }
            if (s.isPresent() && s.get().state() == Deduplicator.State.DONE) {
                return new Entry(false, s.get().reply());
            }
            if (!sleep()) {
                break;
            }
        }
        return new Entry(false, "");
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

    /**
     * A message's dedupe key: its CreateTime (decimal seconds) first, then the account and MsgId, or for an event
     * (and a message without one) the sender, event and EventKey (or MsgId). A retry is the same message, CreateTime
     * included (WeChat's own advice dedupes events by sender and CreateTime); leading with the time lets a store keep
     * its keys in time order ({@link Deduplicator}).
     */
    static String key(Account account, WeChatMessage m) {
        long id = m.msgId();
        String head = m.createTimeSeconds() + ":" + account.name();
        if (id != 0 && !m.isEvent()) {
            return head + ":m:" + id;
        }
        return head + ":e:" + m.fromUserName() + ':' + m.event() + ':' + (id != 0 ? id : m.eventKey());
    }
}
