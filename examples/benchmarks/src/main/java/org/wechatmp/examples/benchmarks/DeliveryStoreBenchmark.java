package org.wechatmp.examples.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * What PostgreSQL persistence costs a delivery, without HTTP, parsing or crypto: at each concurrency in turn, that
 * many threads each claim a distinct message key ({@link Deduplicator#begin}, as an encrypted delivery does), finish
 * it with a reply and queue its two message-log rows (message and reply), which two writer threads store in batches
 * of up to 1,000 (at least 200, or after 20 ms), as the callback's log does. Everything goes through
 * {@link JdbiStorage} as shipped, on a scratch database of the local server created and dropped by the run.
 *
 * <p>Each step warms up for 5 s, then measures for {@code storebench.seconds} (at most 2,000,000 deliveries) and
 * prints deliveries per second, the JVM's and the local PostgreSQL processes' CPU per delivery and the database's
 * commits per delivery. The load benchmark's PostgreSQL path spends this CPU on top of the in-memory path's, so this is
 * the floor of what its persistence costs at a given concurrency (a claim waits for its batch's statement, so fewer
 * deliveries in flight mean smaller batches).
 *
 * <p>Properties: {@code storebench.threads} (default {@code 4,16,64}), {@code storebench.seconds} (10),
 * {@code storebench.log} ({@code both}, or {@code none} for claim and finish alone), {@code storebench.out} (a file
 * to write the report to as well). {@code WECHAT_LOADBENCH_POSTGRES_URL} names the server, as for
 * {@link LoadBenchmark}.
 */
final class DeliveryStoreBenchmark {
    private static final long MAX_DELIVERIES = 2_000_000;
    private static final String XML = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA["
            + "oBenchUser0123456789abcdef]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]>"
            + "</MsgType><Content><![CDATA[hello, this is a benchmark message]]></Content>"
            + "<MsgId>1234567890123456</MsgId></xml>";

    private DeliveryStoreBenchmark() {
    }

    /**
     * Runs the steps and prints one line each.
     *
     * @param args unused
     * @throws Exception when the database cannot be reached
     */
    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("storebench.seconds", 10);
        boolean log = !"none".equals(System.getProperty("storebench.log", "both"));
        String server = System.getenv().getOrDefault("WECHAT_LOADBENCH_POSTGRES_URL", LoadBenchmark.DEFAULT_POSTGRES);
        StringBuilder report = new StringBuilder(String.format("delivery store benchmark: Java %s, %d cores, "
                + "PostgreSQL on this machine; per delivery a claim and its finish%s; 5 s warm-up and %d s measured "
                + "per step%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                log ? " and two message-log rows" : " (no message log)", seconds));
        PrintStream out = System.out;
        out.print(report);
        for (String t : System.getProperty("storebench.threads", "4,16,64").split(",")) {
            String line = step(server, Integer.parseInt(t.trim()), seconds, log);
            out.println(line);
            report.append(line).append('\n');
        }
        String file = System.getProperty("storebench.out", "");
        if (!file.isEmpty()) {
            Files.writeString(Path.of(file), report.toString(), StandardCharsets.UTF_8);
        }
    }

    /** One concurrency on a scratch database of its own. */
    private static String step(String server, int threads, int seconds, boolean log) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create(server, "storebench");
                JdbiStorage storage = JdbiStorage.builder(LoadBenchmark.storageUrl(db)).build()) {
            Deduplicator dedupe = storage.deduplicator();
            MessageLogStore store = storage.messageLog();
            BlockingQueue<MessageLogEntry> queue = new ArrayBlockingQueue<>(200_000);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong done = new AtomicLong();
            AtomicLong lost = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            List<Thread> all = new ArrayList<>();
            for (int w = 0; log && w < 2; w++) {
                all.add(start("storebench-log-" + w, () -> writeLog(queue, store, running)));
            }
            for (int i = 0; i < threads; i++) {
                all.add(start("storebench-" + i, () -> {
                    // bounded in count too: the warm-up's deliveries and at most MAX_DELIVERIES measured ones
                    while (running.get() && done.get() < MAX_DELIVERIES * 2) {
                        long n = sequence.incrementAndGet();
                        Instant now = Instant.now();
                        String openid = "oBenchUser" + (n % 10_000);
                        String key = now.getEpochSecond() + ":bench:m:" + n;
                        Instant expires = now.plusSeconds(181);
                        if (dedupe.begin(key, expires).state() != Deduplicator.State.CLAIMED) {
                            lost.incrementAndGet();
                            continue;
                        }
                        dedupe.finish(key, "<xml>reply " + n + "</xml>", expires);
                        if (log && !(queue.offer(new MessageLogEntry("bench", MessageLogEntry.Direction.IN, n, openid,
                                "text", "", "reply", XML, now)) && queue.offer(new MessageLogEntry("bench",
                                MessageLogEntry.Direction.OUT, 0, openid, "text", "", "reply", XML, now)))) {
                            lost.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            Thread.sleep(5_000);
            long d0 = done.get();
            long commits0 = LoadBenchmark.commits(storage);
            long pg0 = LoadGenerator.localPostgresCpuNanos();
            long jvm0 = LoadGenerator.processCpuNanos();
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end && done.get() - d0 < MAX_DELIVERIES) {
                Thread.sleep(50);
            }
            long d1 = done.get();
            long pg1 = LoadGenerator.localPostgresCpuNanos();
            long jvm1 = LoadGenerator.processCpuNanos();
            long t1 = System.nanoTime();
            long commits1 = LoadBenchmark.commits(storage);
            running.set(false);
            for (Thread th : all) {
                th.join();
            }
            double n = d1 - d0;
            return String.format("%3d threads  %,8.0f deliveries/s  CPU per delivery: JVM %5.1f µs, PostgreSQL %5.1f µs"
                    + "  commits per delivery %.3f%s", threads, n / ((t1 - t0) / 1e9), (jvm1 - jvm0) / 1e3 / n,
                    (pg1 - pg0) / 1e3 / n, (commits1 - commits0) / n,
                    lost.get() == 0 ? "" : String.format("  (%,d not claimed or not logged)", lost.get()));
        }
    }

    /** Stores queued log rows in batches, as the callback's message log does, until stopped and drained. */
    private static void writeLog(BlockingQueue<MessageLogEntry> queue, MessageLogStore store, AtomicBoolean running) {
        List<MessageLogEntry> batch = new ArrayList<>();
        long since = System.nanoTime();
        while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                MessageLogEntry e = queue.poll(5, TimeUnit.MILLISECONDS);
                if (e != null) {
                    if (batch.isEmpty()) {
                        since = System.nanoTime();
                    }
                    batch.add(e);
                    queue.drainTo(batch, 1_000 - batch.size());
                }
                boolean waited = System.nanoTime() - since > 20_000_000L;
                if (batch.size() >= 200 || (!batch.isEmpty() && (waited || !running.get()))) {
                    store.append(batch);
                    batch = new ArrayList<>();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
