package org.wechatmp.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link WeChatMetrics} on a Micrometer {@link MeterRegistry}. Micrometer is an optional dependency of the core:
 * add {@code io.micrometer:micrometer-core} to use this class. Meters (tags in brackets):
 *
 * <ul>
 *   <li>{@code wechat.token.fetch} timer [account, credential, trigger=demand|proactive]</li>
 *   <li>{@code wechat.token.fetch.failures} counter [account, credential, trigger]</li>
 *   <li>{@code wechat.api.calls} timer [account, group, errcode]</li>
 *   <li>{@code wechat.api.failures} counter [account, group, kind=timeout|error]</li>
 *   <li>{@code wechat.api.retries} counter [account, group, reason=token|busy]</li>
 *   <li>{@code wechat.callback.answered} timer [account]</li>
 *   <li>{@code wechat.callback.refused} counter [account, reason]</li>
 *   <li>{@code wechat.callback.deduplicated}, {@code wechat.callback.replayed} counters [account]</li>
 *   <li>{@code wechat.handler.duration} timer [account, handler]</li>
 *   <li>{@code wechat.callback.deadline.missed} counter [account]</li>
 *   <li>{@code wechat.callback.late.sends} counter [account, outcome=ok|failed]</li>
 *   <li>{@code wechat.messagelog.dropped} counter</li>
 *   <li>{@code wechat.sync.done}, {@code wechat.sync.total} gauges [account, kind]: the running job's progress</li>
 *   <li>{@code wechat.sync.runs} timer [account, kind, state]; {@code wechat.sync.items} counter [account, kind]</li>
 *   <li>{@code wechat.sync.refused} counter [account, kind]</li>
 * </ul>
 */
public final class MicrometerMetrics implements WeChatMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    /**
     * Binds to a registry.
     *
     * @param registry the registry
     */
    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private static String trigger(boolean proactive) {
        return proactive ? "proactive" : "demand";
    }

    @Override
    public void tokenFetched(String account, String credential, boolean proactive, Duration took) {
        Timer.builder("wechat.token.fetch").description("credentials fetched from their source")
                .tags("account", account, "credential", credential, "trigger", trigger(proactive))
                .register(registry).record(took);
    }

    @Override
    public void tokenFetchFailed(String account, String credential, boolean proactive) {
        Counter.builder("wechat.token.fetch.failures").description("failed credential fetches")
                .tags("account", account, "credential", credential, "trigger", trigger(proactive))
                .register(registry).increment();
    }

    @Override
    public void apiCall(String account, String group, int errcode, Duration took) {
        Timer.builder("wechat.api.calls").description("WeChat API calls answered, by errcode")
                .tags("account", account, "group", group, "errcode", Integer.toString(errcode))
                .register(registry).record(took);
    }

    @Override
    public void apiFailure(String account, String group, boolean timeout) {
        Counter.builder("wechat.api.failures").description("WeChat API calls failed below the JSON")
                .tags("account", account, "group", group, "kind", timeout ? "timeout" : "error")
                .register(registry).increment();
    }

    @Override
    public void apiRetry(String account, String group, String reason) {
        Counter.builder("wechat.api.retries").description("WeChat API calls retried")
                .tags("account", account, "group", group, "reason", reason).register(registry).increment();
    }

    @Override
    public void callbackAnswered(String account, Duration took) {
        Timer.builder("wechat.callback.answered").description("callbacks answered")
                .tags("account", account).register(registry).record(took);
    }

    @Override
    public void callbackRefused(String account, String reason) {
        Counter.builder("wechat.callback.refused").description("callbacks refused")
                .tags("account", account, "reason", reason).register(registry).increment();
    }

    @Override
    public void callbackDeduplicated(String account) {
        Counter.builder("wechat.callback.deduplicated").description("redeliveries answered with the recorded reply")
                .tags("account", account).register(registry).increment();
    }

    @Override
    public void callbackReplayed(String account) {
        Counter.builder("wechat.callback.replayed").description("requests reusing a nonce")
                .tags("account", account).register(registry).increment();
    }

    @Override
    public void handlerLatency(String account, String handler, Duration took) {
        Timer.builder("wechat.handler.duration").description("handler run time")
                .tags("account", account, "handler", handler).register(registry).record(took);
    }

    @Override
    public void deadlineMissed(String account) {
        Counter.builder("wechat.callback.deadline.missed").description("handlers that missed the answer deadline")
                .tags("account", account).register(registry).increment();
    }

    @Override
    public void lateSend(String account, boolean ok) {
        Counter.builder("wechat.callback.late.sends").description("replies sent late through customer service")
                .tags("account", account, "outcome", ok ? "ok" : "failed").register(registry).increment();
    }

    @Override
    public void messageLogDropped(long count) {
        Counter.builder("wechat.messagelog.dropped").description("message-log entries dropped: a full queue or a row the store refused")
                .register(registry).increment(count);
    }

    @Override
    public void syncProgress(String account, String kind, long done, long total) {
        // total first: a scrape (or a reader waiting for done) that sees the new done sees its total too
        gauge("wechat.sync.total", account, kind).set(total);
        gauge("wechat.sync.done", account, kind).set(done);
    }

    @Override
    public void syncFinished(String account, String kind, String state, long items, Duration took) {
        Timer.builder("wechat.sync.runs").description("sync jobs ended, by state")
                .tags("account", account, "kind", kind, "state", state).register(registry).record(took);
        Counter.builder("wechat.sync.items").description("items fetched by successful sync jobs")
                .tags("account", account, "kind", kind).register(registry).increment(items);
    }

    @Override
    public void syncRefused(String account, String kind) {
        Counter.builder("wechat.sync.refused").description("job starts refused: already running")
                .tags("account", account, "kind", kind).register(registry).increment();
    }

    private AtomicLong gauge(String name, String account, String kind) {
        return gauges.computeIfAbsent(name + '\u0000' + account + '\u0000' + kind, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).tags("account", account, "kind", kind)
                    .description("progress of the latest sync job").register(registry);
            return value;
        });
    }
}
