package org.wechatmp.examples.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP/1.1 load generator over loopback: a fixed number of keep-alive connections, each on its own
 * thread, sends pre-built requests one after another (each request is taken once, so a pool of distinct deliveries
 * is never repeated unless the target is marked as cycling), first for a warm-up, then for measured rounds (several
 * targets may take turns, so a change in the machine's other load falls on all of them alike). A phase stops when its
 * time is up or the pool is used up, whichever comes first.
 */
final class LoadGenerator {
    private final int port;
    private final int connections;

    LoadGenerator(int port, int connections) {
        this.port = port;
        this.connections = connections;
    }

    /**
     * The outcome of one measured period.
     *
     * @param target the target's name
     * @param requests requests answered in the measured period
     * @param bad answers that were not a 200 with the expected body
     * @param seconds the measured period's real length
     * @param p50Micros median latency
     * @param p99Micros 99th percentile latency
     * @param maxMicros largest latency
     * @param exhausted whether the pool ran out before the time was up
     * @param cpuNanos CPU time this whole JVM (server and load generator) spent in the measured period
     * @param jitMillis time the JIT compiler spent in the measured period (near zero once warmed up)
     * @param cpuByThreads CPU time in the measured period by kind of thread (Linux only, else empty): the server's
     *     request threads, the load generator, the garbage collector, the JIT compiler, the rest of this JVM, and
     *     the local PostgreSQL server's processes ({@code database}, not part of the JVM's CPU)
     */
    record Result(String target, long requests, long bad, double seconds, long p50Micros, long p99Micros,
            long maxMicros, boolean exhausted, long cpuNanos, long jitMillis, Map<String, Long> cpuByThreads) {
        double perSecond() {
            return requests / seconds;
        }

        /** CPU microseconds of this JVM per request: unlike req/s, barely moved by other work on the machine. */
        double cpuMicrosPerRequest() {
            return requests == 0 ? 0 : cpuNanos / 1e3 / requests;
        }
    }

    /** CPU nanoseconds of this process's threads by kind, from {@code /proc/self/task} (empty elsewhere). */
    static Map<String, Long> cpuByThreads() {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    out.merge(kind(Files.readString(task.resolve("comm")).trim()), cpuNanosOf(task), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        out.put("database", localPostgresCpuNanos());
        return out;
    }

    /**
     * CPU nanoseconds of this machine's PostgreSQL processes (the benchmark's database is on loopback, so it shares
     * the two cores with this JVM: its CPU is part of what a request costs).
     */
    static long localPostgresCpuNanos() {
        long nanos = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    if (Files.readString(proc.resolve("comm")).startsWith("postgres")) {
                        nanos += cpuNanosOf(proc);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read, or is not ours to read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return nanos;
    }

    /** User and system CPU of a process or thread directory under {@code /proc}. */
    private static long cpuNanosOf(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static String kind(String thread) {
        if (thread.startsWith("qtp")) {
            return "server";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
            return "gc";
        }
        if (thread.contains("Compiler")) {
            return "jit";
        }
        return "other";
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    /**
     * The JIT compiler's work so far, in milliseconds: the CPU of its threads, from {@code /proc/self/task}, which
     * counts a compilation while it runs. {@link CompilationMXBean}'s total adds a compilation only once it ends, so a
     * C2 compile of a few seconds (WxJava's XStream unmarshaller) read as seconds of a quiet compiler, ended the
     * warm-up and then landed in the measured rounds. Where {@code /proc} is missing, that total is all there is.
     */
    static long jitMillis() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            return jit == null ? 0 : jit.getTotalCompilationTime();
        }
        long nanos = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    if ("jit".equals(kind(Files.readString(task.resolve("comm")).trim()))) {
                        nanos += cpuNanosOf(task);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return nanos / 1_000_000L;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One target's state across the warm-up and the measured rounds. */
    static final class Target {
        private final String name;
        private final byte[] head;
        private final boolean cycle;
        private final Predicate<String> ok;
        private final AtomicInteger cursor = new AtomicInteger();
        private final List<long[]> latencies = new ArrayList<>();
        private byte[][] pool;
        private long bad;
        private long nanos;
        private long cpuNanos;
        private long jitMillis;
        private final Map<String, Long> cpuByThreads = new TreeMap<>();
        private boolean exhausted;

        /**
         * A target.
         *
         * @param name the name printed
         * @param path the request path (without query), e.g. {@code /mem/wechat/bench}
         * @param cycle whether the pool may be reused (only for targets that do not deduplicate)
         * @param ok what a good response body looks like
         */
        Target(String name, String path, boolean cycle, Predicate<String> ok) {
            this.name = name;
            this.head = ("POST " + path).getBytes(StandardCharsets.US_ASCII);
            this.cycle = cycle;
            this.ok = ok;
        }

        String name() {
            return name;
        }

        boolean exhausted() {
            return exhausted;
        }
    }

    /**
     * Warms a target up on its own requests and says how many distinct requests its measured period needs.
     *
     * @param t the target
     * @param warmPool the warm-up's request tails: {@code ?query HTTP/1.1\r\n...headers...\r\n\r\nbody}
     * @param warmupSeconds warm-up length
     * @param measureSeconds the measured seconds to come
     * @return three times what the rate at the end of the warm-up calls for, at least 30,000
     * @throws Exception when a connection fails
     */
    int warmUp(Target t, byte[][] warmPool, int warmupSeconds, int measureSeconds) throws Exception {
        AtomicInteger warmCursor = new AtomicInteger();
        int tail = Math.min(2, warmupSeconds);
        Phase warm = phase(t.head, warmPool, t.cycle, warmCursor, t.ok, warmupSeconds - tail);
        Phase warmTail = phase(t.head, warmPool, t.cycle, warmCursor, t.ok, tail);
        t.bad += warm.bad + warmTail.bad;
        // a phase lasts until its pool is used up, so its rate holds even then
        double warmRate = warmTail.latencies.length >= 1_000 ? warmTail.latencies.length / (warmTail.nanos / 1e9)
                : (warm.latencies.length + warmTail.latencies.length) / ((warm.nanos + warmTail.nanos) / 1e9);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(30_000, Math.ceil(3 * warmRate * measureSeconds)));
    }

    /**
     * How a warm-up went.
     *
     * @param wanted distinct requests the measured period needs: three times what the last slice's rate calls for,
     *     at least 30,000
     * @param seconds the warm-up's length
     * @param requests requests sent in the warm-up
     * @param jitMillisPerSecond the JIT compiler's time per second in the last slice
     */
    record Warm(int wanted, double seconds, long requests, double jitMillisPerSecond) {
    }

    /** The fewest requests a warm-up sends (WxJava's path needs about 100,000 before its compiler is done). */
    static final long MIN_WARM_REQUESTS = 50_000;

    /**
     * Warms a target up in slices of one second, each on new distinct requests, until the JIT compiler is done with
     * it: at least {@code minSeconds} and {@link #MIN_WARM_REQUESTS} requests, then until two slices in a row spent
     * under 50 ms per second compiling (the compiler threads' CPU, {@link #jitMillis}) while the rate no longer
     * climbed (at most 10% over the slice before), at most {@code maxSeconds}. A fixed warm-up of a few seconds
     * measured a large code path (the callback) while the compiler still took a fifth of the CPU, a small one (the
     * bare servlet) after it was done; a compiler that was merely quiet let WxJava's path stop after 7,000 slow
     * requests and compile for 8.5 s of its measured 10 s.
     *
     * @param t the target
     * @param slice builds one slice's request tails, given how many one second at the last rate calls for
     * @param minSeconds the shortest warm-up
     * @param maxSeconds the longest warm-up
     * @param measureSeconds the measured seconds to come
     * @return how it went
     * @throws Exception when a connection fails
     */
    Warm warmUntilCompiled(Target t, IntFunction<byte[][]> slice, int minSeconds, int maxSeconds,
            int measureSeconds) throws Exception {
        long start = System.nanoTime();
        long sent = 0;
        int quiet = 0;
        double rate = 0;
        double jitPerSecond = 0;
        while (true) {
            double before = rate;
            int size = rate == 0 ? 20_000 : (int) Math.min(200_000, Math.ceil(1.5 * rate));
            byte[][] pool = slice.apply(size);
            long compiled = jitMillis();
            Phase p = phase(t.head, pool, t.cycle, new AtomicInteger(), t.ok, 1);
            t.bad += p.bad;
            sent += p.latencies.length;
            double seconds = Math.max(1e-3, p.nanos / 1e9);
            rate = p.latencies.length / seconds;
            jitPerSecond = (jitMillis() - compiled) / seconds;
            boolean steady = before > 0 && rate <= 1.1 * before;
            quiet = jitPerSecond < 50 && steady ? quiet + 1 : 0;
            double elapsed = (System.nanoTime() - start) / 1e9;
            if ((elapsed >= minSeconds && quiet >= 2 && sent >= MIN_WARM_REQUESTS) || elapsed >= maxSeconds) {
                int wanted = (int) Math.min(Integer.MAX_VALUE, Math.max(30_000, Math.ceil(3 * rate * measureSeconds)));
                return new Warm(wanted, elapsed, sent, jitPerSecond);
            }
        }
    }

    /**
     * Gives a target its requests for the measured rounds.
     *
     * @param t the target
     * @param pool the request tails
     */
    void load(Target t, byte[][] pool) {
        t.pool = pool;
        t.cursor.set(0);
    }

    /**
     * Measures one round, carrying on in the target's pool; a target whose pool is used up is not run again.
     *
     * @param t the target
     * @param seconds the round's length
     * @return what the round came to
     * @throws Exception when a connection fails
     */
    Round measure(Target t, int seconds) throws Exception {
        if (t.exhausted) {
            return new Round(0, 0);
        }
        long cpu = processCpuNanos();
        Map<String, Long> threads = cpuByThreads();
        long jitMillis = jitMillis();
        Phase p = phase(t.head, t.pool, t.cycle, t.cursor, t.ok, seconds);
        t.cpuNanos += processCpuNanos() - cpu;
        Map<String, Long> used = minus(cpuByThreads(), threads);
        if (!used.isEmpty()) {
            // the connection threads have ended (and left /proc) by now: they counted their own CPU; "other" is the
            // rest of the process's CPU (threads that ended in the period are counted there too)
            used.put("load", p.loadCpuNanos());
            long named = used.getOrDefault("server", 0L) + used.getOrDefault("gc", 0L) + used.getOrDefault("jit", 0L)
                    + p.loadCpuNanos();
            used.put("other", processCpuNanos() - cpu - named);
            used.forEach((k, v) -> t.cpuByThreads.merge(k, v, Long::sum));
        }
        t.jitMillis += jitMillis() - jitMillis;
        t.latencies.add(p.latencies);
        t.bad += p.bad;
        t.nanos += p.nanos;
        t.exhausted = p.exhausted;
        return new Round(p.latencies.length, p.nanos);
    }

    /**
     * One measured round: the requests answered and the nanoseconds measured.
     *
     * @param requests answered requests
     * @param nanos measured time
     */
    record Round(long requests, long nanos) {
        double perSecond() {
            return nanos == 0 ? 0 : requests * 1e9 / nanos;
        }
    }

    /**
     * The measured rounds of a target, together.
     *
     * @param t the target
     * @return the result
     */
    Result result(Target t) {
        long[] all = t.latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        Arrays.sort(all);
        return new Result(t.name, all.length, t.bad, t.nanos / 1e9, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1_000, t.exhausted, t.cpuNanos, t.jitMillis,
                Collections.unmodifiableMap(new TreeMap<>(t.cpuByThreads)));
    }

    /**
     * Warm-up, then one measured period, against one target.
     *
     * @param target the name printed
     * @param path the request path (without query)
     * @param warmPool the warm-up's requests
     * @param measurePool builds the measured period's requests, given how many the warm-up rate calls for
     * @param cycle whether the pools may be reused
     * @param ok what a good response body looks like
     * @param warmupSeconds warm-up length
     * @param measureSeconds measured length
     * @return the measured result
     * @throws Exception when a connection fails
     */
    Result run(String target, String path, byte[][] warmPool, IntFunction<byte[][]> measurePool, boolean cycle,
            Predicate<String> ok, int warmupSeconds, int measureSeconds) throws Exception {
        Target t = new Target(target, path, cycle, ok);
        load(t, measurePool.apply(warmUp(t, warmPool, warmupSeconds, measureSeconds)));
        measure(t, measureSeconds);
        return result(t);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1_000;
    }

    private Phase phase(byte[] head, byte[][] pool, boolean cycle, AtomicInteger cursor, Predicate<String> ok,
            int seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(new Worker(head, pool, cycle, cursor, ok, deadline));
        }
        List<Thread> threads = new ArrayList<>();
        for (Worker w : workers) {
            Thread t = new Thread(w, "load-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(seconds * 1_000L + 30_000);
            if (t.isAlive()) {
                throw new IllegalStateException("a load connection did not finish: " + t.getName());
            }
        }
        long nanos = System.nanoTime() - start;
        long bad = 0;
        int count = 0;
        long cpu = 0;
        boolean exhausted = false;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw w.failure;
            }
            cpu += w.cpuNanos;
            bad += w.bad;
            count += w.count;
            exhausted |= w.exhausted;
        }
        long[] latencies = new long[count];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, latencies, at, w.count);
            at += w.count;
        }
        return new Phase(latencies, bad, nanos, exhausted, cpu);
    }

    /** A phase's answers; {@code loadCpuNanos} is the CPU its connection threads used. */
    private record Phase(long[] latencies, long bad, long nanos, boolean exhausted, long loadCpuNanos) {
    }

    /** One keep-alive connection. */
    private final class Worker implements Runnable {
        private final byte[] head;
        private final byte[][] pool;
        private final boolean cycle;
        private final AtomicInteger cursor;
        private final Predicate<String> ok;
        private final long deadline;
        private long[] latencies = new long[1 << 14];
        private int count;
        private long bad;
        private boolean exhausted;
        private Exception failure;
        private long cpuNanos;

        Worker(byte[] head, byte[][] pool, boolean cycle, AtomicInteger cursor, Predicate<String> ok, long deadline) {
            this.head = head;
            this.pool = pool;
            this.cycle = cycle;
            this.cursor = cursor;
            this.ok = ok;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                while (System.nanoTime() < deadline) {
                    int i = cursor.getAndIncrement();
                    if (i >= pool.length) {
                        if (!cycle) {
                            exhausted = true;
                            return;
                        }
                        i %= pool.length;
                    }
                    long t0 = System.nanoTime();
                    out.write(head);
                    out.write(pool[i]);
                    out.flush();
                    Response r = read(in);
                    long t1 = System.nanoTime();
                    if (r.status != 200 || !ok.test(r.body)) {
                        bad++;
                        if (bad <= 3) {
                            System.err.println("unexpected answer " + r.status + ": " + r.body.substring(0,
                                    Math.min(200, r.body.length())));
                        }
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = t1 - t0;
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
        }
    }

    private record Response(int status, String body) {
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked). */
    static Response read(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")
                    && h.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                b.write(in.readNBytes(n));
                line(in);
            }
            line(in);
            body = b.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("connection closed in a body");
            }
        } else {
            throw new IOException("a response without a length on a keep-alive connection");
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > 8192) {
                throw new IOException("header line too long");
            }
        }
        return sb.toString();
    }
}
