package org.wechatmp.core.callback;

import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The first stage of a callback, decided before any body byte is read ({@link WeChatCallback#admit}): either the
 * request is already {@link #answered()} (unknown account 404, bad signature 403, stale timestamp or missing
 * parameter 400, declared body over the limit 413, wrong method 405, or the GET handshake answered), or the adapter
 * reads the body, at most {@link #maxBodyBytes()} bytes within {@link #bodyDeadline()}, and hands it to
 * {@link #complete(byte[])}. An adapter that reads the body itself answers a body it could not read with
 * {@link #bodyTooLarge()}, {@link #bodyIncomplete()} or {@link #bodyTimedOut()}.
 */
public final class CallbackAdmission {
    private final WeChatCallback owner;
    private final InboundProtocol protocol;
    private final InboundProtocol.Inbound inbound;
    private final CallbackResponse answer;
    private final Duration bodyDeadline;
    private final ScheduledExecutorService timer;

    private CallbackAdmission(WeChatCallback owner, InboundProtocol protocol, InboundProtocol.Inbound inbound,
            CallbackResponse answer, Duration bodyDeadline, ScheduledExecutorService timer) {
        this.owner = owner;
        this.protocol = protocol;
        this.inbound = inbound;
        this.answer = answer;
        this.bodyDeadline = bodyDeadline;
        this.timer = timer;
    }

    static CallbackAdmission answered(CallbackResponse answer) {
        return new CallbackAdmission(null, null, null, Objects.requireNonNull(answer), Duration.ZERO, null);
    }

    static CallbackAdmission pending(WeChatCallback owner, InboundProtocol protocol, InboundProtocol.Inbound inbound,
            Duration bodyDeadline, ScheduledExecutorService timer) {
        return new CallbackAdmission(owner, protocol, inbound, null, bodyDeadline, timer);
    }

    /**
     * Whether the request is answered without a body.
     *
     * @return {@code true} when {@link #response()} is the answer and the body must not be read
     */
    public boolean answered() {
        return answer != null;
    }

    /**
     * The answer of an {@link #answered()} request.
     *
     * @return the response
     * @throws IllegalStateException when the request waits for its body
     */
    public CallbackResponse response() {
        if (answer == null) {
            throw new IllegalStateException("the request waits for its body");
        }
        return answer;
    }

    /**
     * The largest body accepted.
     *
     * @return bytes
     */
    public int maxBodyBytes() {
        return protocol == null ? 0 : protocol.maxBodyBytes();
    }

    /**
     * How long the whole body may take to arrive, counted from now.
     *
     * @return the deadline
     */
    public Duration bodyDeadline() {
        return bodyDeadline;
    }

    /**
     * The second stage: decrypt, parse, dedupe, run the handler, answer.
     *
     * @param body the whole body
     * @return the response
     */
    public CallbackResponse complete(byte[] body) {
        return answered() ? answer : owner.complete(inbound, body == null ? new byte[0] : body);
    }

    /**
     * Reads the body from a blocking stream under {@link #bodyDeadline()} and runs {@link #complete(byte[])}. A body
     * over the limit is 413, one shorter than {@code declaredLength} (or a broken chunk) 400, a late one 408.
     *
     * @param body the request's stream
     * @param declaredLength {@code Content-Length}, or -1 when not declared
     * @return the response
     */
    public CallbackResponse read(InputStream body, long declaredLength) {
        return read(body, declaredLength, maxBodyBytes());
    }

    /**
     * {@link #read(InputStream, long)} with the adapter's own limit too (the smaller one applies, also to a chunked
     * body, whose length is known only once read).
     *
     * @param body the request's stream
     * @param declaredLength {@code Content-Length}, or -1 when not declared
     * @param maxBytes the adapter's limit
     * @return the response
     */
    public CallbackResponse read(InputStream body, long declaredLength, int maxBytes) {
        if (answered()) {
            return answer;
        }
        byte[] data;
        try {
            data = body == null ? new byte[0] : BodyReader.read(body, declaredLength, Math.min(maxBytes,
                    maxBodyBytes()), bodyDeadline(), timer);
        } catch (BodyReader.Failed e) {
            return protocol.bodyFailed(inbound, e.problem());
        }
        return complete(data);
    }

    /**
     * The answer to a body over {@link #maxBodyBytes()}: 413.
     *
     * @return the response
     */
    public CallbackResponse bodyTooLarge() {
        return answered() ? answer : protocol.bodyFailed(inbound, BodyReader.Problem.TOO_LARGE);
    }

    /**
     * The answer to a body shorter than declared or a broken chunk: 400.
     *
     * @return the response
     */
    public CallbackResponse bodyIncomplete() {
        return answered() ? answer : protocol.bodyFailed(inbound, BodyReader.Problem.INCOMPLETE);
    }

    /**
     * The answer to a body that did not arrive within {@link #bodyDeadline()}: 408.
     *
     * @return the response
     */
    public CallbackResponse bodyTimedOut() {
        return answered() ? answer : protocol.bodyFailed(inbound, BodyReader.Problem.TIMED_OUT);
    }
}
