package org.wechatmp.core.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.WeChatCryptoException;
import org.wechatmp.core.message.MessageParseException;
import org.wechatmp.core.metrics.WeChatMetrics;
import org.wechatmp.core.reply.ReplyXml;

/**
 * Stage two of a callback, once its body is read: decrypt and parse, dedupe, run the handler, answer. A redelivery
 * answered from its dedupe record is reported as {@link WeChatMetrics#callbackDeduplicated}, an answer after the
 * handler ran as {@link WeChatMetrics#callbackAnswered} (timed from the request's arrival on the injected ticker).
 */
final class Completion {
    private final InboundProtocol protocol;
    private final Deliveries deliveries;
    private final HandlerRunner runner;
    private final WeChatMetrics metrics;
    private final LongSupplier nanoTime;
    private final Duration dedupeTtl;

    Completion(InboundProtocol protocol, Deliveries deliveries, HandlerRunner runner, WeChatMetrics metrics,
            LongSupplier nanoTime, Duration dedupeTtl) {
        this.protocol = protocol;
        this.deliveries = deliveries;
        this.runner = runner;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.dedupeTtl = dedupeTtl;
    }

    CallbackResponse complete(InboundProtocol.Inbound in, byte[] body) {
        Account account = in.account();
        try {
            if (body.length > protocol.maxBodyBytes()) {
                return protocol.bodyFailed(in, BodyReader.Problem.TOO_LARGE);
            }
            InboundProtocol.Opened opened = protocol.open(in, body);
            String key = Deliveries.key(account, opened.message());
            Instant now = protocol.now();
            Instant expires = deliveries.keyExpiry(in, now, dedupeTtl);
            Deliveries.Entry entry = deliveries.enter(in, key, now, expires);
            if (!entry.claimed()) {
                metrics.callbackDeduplicated(account.name());
                return protocol.respond(in, opened.crypto(), entry.reply(), null);
            }
            HandlerRunner.Outcome out = runner.run(new HandlerRunner.Claimed(account, opened.message(),
                    opened.plain(), in.query(), key, expires, in.started(), in.clientAddress()));
            CallbackResponse r = protocol.respond(in, opened.crypto(), out.replyXml(), out.after());
            metrics.callbackAnswered(account.name(), Duration.ofNanos(nanoTime.getAsLong() - in.started()));
            return runner.schedule(r, out.after() != null);
        } catch (WeChatCryptoException | MessageParseException e) {
            return protocol.refused(account, in.clientAddress(), in.query(), e).response();
        } catch (RuntimeException e) {
            InboundProtocol.log(account).error("[{}] callback from {} failed unexpectedly", org.wechatmp.core.web.WebErrors.newId(),
                    LogSafe.of(in.clientAddress()), e);
            return CallbackResponse.text(200, ReplyXml.SUCCESS);
        }
    }
}
