package org.wechatmp.core.callback;

import java.time.Instant;
import java.util.Optional;

/**
 * Makes WeChat's retried deliveries (up to three, 5 seconds apart) run a handler once and get the same reply. A
 * delivery {@link #begin}s its key: the first one runs; a redelivery sees the first in progress (and waits) or done
 * (and answers with the recorded reply). A shared implementation makes every node agree.
 *
 * <p>The callback's keys begin with the message's CreateTime in decimal seconds and a colon ({@code
 * 1733050000:account:m:MsgId}): a store may use that head to keep its keys in time order (a database index then
 * grows at its end instead of at random places).
 *
 * <p>For an encrypted delivery the record is also its replay defence (no nonce is recorded: the body is signed with
 * it), so a store must keep a record until the {@code expiresAt} it was given, at least while it holds fewer entries
 * than its bound; the callback gives a time past the end of the message's timestamp window.
 *
 * <p>A claim in progress may instead be held for a lease that its node renews while the handler runs (the shared
 * store on a database does, so that a node that dies mid-handler does not take the message with it): once a claim has
 * lapsed the next {@link #begin} claims the key ({@link #get} may report it in progress or not at all until then). A
 * redelivery waiting for a claim in progress, if its body is vouched for (encrypted, or a nonce it used first), tries
 * {@link #begin} now and then and whenever the record is gone, and runs the handler when it claims the key. A done
 * record is kept until its {@code expiresAt}.
 */
public interface Deduplicator {

    /** Where a delivery stands. */
    enum State {
        /** This caller claimed the key and must run the handler. */
        CLAIMED,
        /** Another delivery is running the handler. */
        IN_PROGRESS,
        /** The handler ran; {@link Status#reply()} holds the answer. */
        DONE
    }

    /**
     * The state of a key.
     *
     * @param state where it stands
     * @param reply the recorded plaintext reply when done (empty for "no reply")
     */
    record Status(State state, String reply) {
    }

    /**
     * Claims a key atomically.
     *
     * @param key the message key (account, and MsgId or sender + time + event)
     * @param expiresAt when the record may be forgotten
     * @return {@code CLAIMED} for the first caller, otherwise the current state
     */
    Status begin(String key, Instant expiresAt);

    /**
     * Reads a key's state.
     *
     * @param key the key
     * @return the state, or empty when unknown
     */
    Optional<Status> get(String key);

    /**
     * Records the reply of a claimed key.
     *
     * @param key the key
     * @param reply the plaintext reply XML, or empty for "no reply"
     * @param expiresAt when the record may be forgotten
     */
    void finish(String key, String reply, Instant expiresAt);
}
