package org.wechatmp.examples.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.servlet.WeChatServlets;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The load benchmark: distinct signed, safe-mode encrypted deliveries over HTTP on loopback against, on one embedded
 * Jetty 12, (a) the servlet callback with every store on PostgreSQL ({@link JdbiStorage}: accounts, handlers,
 * dedupe, nonces, message log), (b) the same servlet callback with the default in-memory stores, (c) a bare servlet
 * that only reads the body and writes a fixed reply (the limit), and (d) WxJava 4.7.0's usual servlet path. Each
 * request is a new MsgId, nonce and timestamp, so deduplication and replay protection do their full work. The
 * PostgreSQL storage is opened with {@code reWriteBatchedInserts=true}, as the README advises for production.
 *
 * <p>The load generator runs in the same JVM as the server (2 cores shared): N keep-alive connections, closed loop.
 * Each target runs in a JVM of its own, started with this JVM's options (as JMH forks each benchmark); the JVMs are
 * warmed up one after the other, each until the JIT compiler is done with it (WxJava's path takes over a minute), and
 * then take turns in short measured rounds while the others idle ({@link ForkedTargets}), bounded by time and by each
 * target's pool of pre-built requests. The summary gives each ratio of two targets round by round too: on a shared
 * machine whose speed drifts over minutes, two targets measured one right after the other drift together. With
 * {@code -Dloadbench.fork=false} all targets share one JVM: warmed up in turn, then measured taking turns in rounds;
 * but there they deoptimise each other's compiled code at every turn. A scratch database {@code <prefix>_<random>}
 * ({@code loadbench.dbPrefix}, default {@code loadbench}) is created on the server named by
 * {@code WECHAT_LOADBENCH_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and
 * dropped at the end.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -f examples/benchmarks exec:exec@load
 * </pre>
 *
 * <p>System properties (pass with {@code -Dload.args="-Dloadbench.seconds=20 ..."}): {@code loadbench.seconds}
 * (measured seconds per target, 10), {@code loadbench.rounds} (5, sharing those seconds), {@code loadbench.warmup}
 * (the shortest warm-up in seconds, 5), {@code loadbench.warmupMax} (the longest, 240; in between a target warms up
 * until the JIT compiler is done with it), {@code loadbench.connections} (16),
 * {@code loadbench.requests} (most distinct requests for a target's measured rounds, 400,000; a target gets 3 times
 * what its warm-up rate calls for, at least 30,000), {@code loadbench.targets} (comma list of bare, memory,
 * postgres, wxjava), {@code loadbench.log} (what the callbacks write to the message log: {@code both}, the
 * default, messages and replies; {@code in}, messages only; {@code none}), {@code loadbench.fork} ({@code false}:
 * every target in this JVM), {@code loadbench.dbPrefix}
 * (the scratch database's name prefix), {@code loadbench.out} (a file the report is also written to; the Maven
 * execution sets {@code docs/benchmark-load.txt}).
 */
public final class LoadBenchmark {
    static final String TOKEN = "benchtoken";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String ACCOUNT = "bench";
    static final String REPLY = "hello from the load benchmark";
    static final String BARE = "bare servlet (limit)";
    static final String MEMORY = "servlet callback, in-memory stores";
    static final String POSTGRES = "servlet callback, PostgreSQL (JdbiStorage)";
    static final String WXJAVA = "WxJava 4.7.0 servlet path";
    static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** Everything printed also goes into {@link #REPORT}, written to {@code loadbench.out} at the end. */
    private static final ByteArrayOutputStream REPORT = new ByteArrayOutputStream();
    private static final PrintStream OUT = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            System.out.write(b);
            REPORT.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.out.write(b, off, len);
            REPORT.write(b, off, len);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    }, true, StandardCharsets.UTF_8);

    private LoadBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per target and a summary table.
     *
     * @param args unused
     * @throws Exception when a part cannot start
     */
    public static void main(String[] args) throws Exception {
        Settings set = Settings.read();
        List<String> targets = List.of(System.getProperty("loadbench.targets",
                "bare,memory,postgres,wxjava").split(","));
        boolean child = set.child();
        boolean fork = !child && targets.size() > 1 && !"false".equals(System.getProperty("loadbench.fork"));
        long started = System.nanoTime();
        if (!child) {
            String jvms = fork ? "one JVM per target, warmed up one after the other, measured taking turns (server "
                    + "and load generator in it)" : "one JVM (server and load generator)";
            OUT.printf("load benchmark: Java %s, %d cores, %s, Jetty 12, %d keep-alive connections; per target a "
                    + "warm-up on distinct requests until the JIT compiler is done (%d to %d s), then %d s measured "
                    + "(at most %,d distinct requests); message log: %s%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), jvms, set.connections(),
                    set.warmup(), set.warmupMax(), set.seconds(), set.requests(), switch (set.log()) {
                        case "in" -> "messages only";
                        case "none" -> "off";
                        default -> "messages and replies";
                    });
        }
        List<LoadGenerator.Result> results = fork ? forked(targets, set) : run(targets, set);
        if (child) {
            for (LoadGenerator.Result r : results) {
                System.out.println(ForkedTargets.RESULT + ForkedTargets.encode(r));
            }
            return;
        }
        report(results, started);
    }

    /**
     * The run's system properties, read once.
     *
     * @param log what the callbacks write to the message log: {@code both} (messages and replies, as a deployment
     *     keeps it), {@code in} (messages only) or {@code none}
     */
    private record Settings(int warmup, int seconds, int connections, int requests, int warmupMax, String log,
            int rounds, boolean child) {
        static Settings read() {
            return new Settings(Integer.getInteger("loadbench.warmup", 5), Integer.getInteger("loadbench.seconds", 10),
                    Integer.getInteger("loadbench.connections", 16), Integer.getInteger("loadbench.requests", 400_000),
                    Integer.getInteger("loadbench.warmupMax", 240), System.getProperty("loadbench.log", "both"),
                    Math.max(1, Integer.getInteger("loadbench.rounds", 5)),
                    Boolean.getBoolean("loadbench.child"));
        }

        /** A round's length: the measured seconds shared among the rounds (at least 1 s). */
        int roundSeconds() {
            return Math.max(1, seconds / rounds);
        }
    }

    /** The targets' short names (as in {@code loadbench.targets}) and the names printed. */
    private static final Map<String, String> NAMES = Map.of("bare", BARE, "memory", MEMORY, "postgres", POSTGRES,
            "wxjava", WXJAVA);
    /** Each target's rate in each measured round, in order, for the ratios of targets measured side by side. */
    private static final Map<String, List<Double>> ROUND_RATES = new LinkedHashMap<>();

    /**
     * Each target in a JVM of its own (as JMH forks each benchmark): in one JVM the targets deoptimised each other's
     * compiled code at every turn (shared Jetty and callback code met another target's types), and one target's
     * compilation ran while another was measured. The JVMs warm up one after the other, then take turns in the
     * measured rounds ({@link ForkedTargets}).
     */
    private static List<LoadGenerator.Result> forked(List<String> targets, Settings set) throws Exception {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        try (ForkedTargets forks = new ForkedTargets(OUT)) {
            for (String t : targets) {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvm);
                command.add("-Dloadbench.targets=" + t);
                command.add("-Dloadbench.child=true");
                command.add("-Dloadbench.out=");
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(LoadBenchmark.class.getName());
                forks.start(t, command);
            }
            // the first JVMs' requests were signed minutes ago, in their warm-ups: near the timestamp window's edge
            forks.refresh();
            OUT.printf("measuring: %d rounds of %d s, the targets' JVMs taking turns (the others idle)%n",
                    set.rounds(), set.roundSeconds());
            for (int round = 1; round <= set.rounds(); round++) {
                for (int i = 0; i < targets.size(); i++) {
                    double before = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    double rate = forks.round(i);
                    String name = NAMES.get(targets.get(i));
                    ROUND_RATES.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
                    OUT.printf("round %d  %-46s %,9.0f req/s  machine load average %.1f before, %.1f after%n", round,
                            name, rate, before, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
            return forks.end();
        }
    }

    /** Runs the targets in this JVM: warm-ups in turn, then the measured rounds, the targets taking turns. */
    private static List<LoadGenerator.Result> run(List<String> targets, Settings set) throws Exception {
        int warmup = set.warmup();
        int seconds = set.seconds();
        int connections = set.connections();
        int requests = set.requests();
        int warmupMax = set.warmupMax();
        String pgUrl = System.getenv().getOrDefault("WECHAT_LOADBENCH_POSTGRES_URL", DEFAULT_POSTGRES);

        Account account = new Account(ACCOUNT, "bench", Account.Type.SERVICE, APP_ID, "", TOKEN, AES,
                EncryptMode.SAFE, !"none".equals(set.log()), "both".equals(set.log()), Map.of());
        Handler handler = Handler.builder("reply").rule(Rule.msgType("text")).reply(HandlerReply.text(REPLY))
                .build();
        CallbackSigner signer = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        byte[] fixedReply = signer.message(xml(1, 1)).body().getBytes(StandardCharsets.UTF_8);

        InMemoryHandlerRepository memHandlers = new InMemoryHandlerRepository();
        memHandlers.save(ACCOUNT, handler);
        WeChatRuntime memory = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).handlers(memHandlers)
                .build();

        boolean usesDb = targets.stream().anyMatch(t -> t.startsWith("postgres"));
        ScratchDatabase db = usesDb ? ScratchDatabase.create(pgUrl,
                System.getProperty("loadbench.dbPrefix", "loadbench")) : null;
        JdbiStorage storage = null;
        WeChatRuntime postgres = null;
        Server server = new Server();
        try {
            if (db != null) {
                storage = JdbiStorage.builder(storageUrl(db)).build();
                storage.accounts().save(account);
                storage.handlers().save(ACCOUNT, handler);
                postgres = storage.runtime().build();
                OUT.println("scratch database " + db.name() + " (" + storage.vendor() + ", pool 10)");
            }
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ContextHandlerCollection contexts = new ContextHandlerCollection();
            contexts.addHandler(servlet("/bare", new BareServlet(fixedReply)));
            contexts.addHandler(callback("/mem", memory));
            if (postgres != null) {
                contexts.addHandler(callback("/pg", postgres));
            }
            contexts.addHandler(servlet("/wxjava", new WxJavaCallbackServlet(APP_ID, TOKEN, AES, REPLY)));
            server.setHandler(contexts);
            server.start();
            int port = connector.getLocalPort();

            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("bare", "/bare/");
            paths.put("memory", "/mem/wechat/" + ACCOUNT);
            paths.put("postgres", "/pg/wechat/" + ACCOUNT);
            paths.put("wxjava", "/wxjava/");
            LoadGenerator load = new LoadGenerator(port, connections);
            HttpClient probe = HttpClient.newHttpClient();
            List<LoadGenerator.Target> loaded = new ArrayList<>();
            List<Runnable> refreshers = new ArrayList<>();
            for (String t : targets) {
                String path = paths.get(t);
                if (path == null) {
                    throw new IllegalArgumentException("unknown target " + t);
                }
                boolean bare = t.equals("bare");
                if (!bare) {
                    check(probe, port, path, signer);
                }
                LoadGenerator.Target target = new LoadGenerator.Target(NAMES.get(t), path, bare,
                        bare ? body -> body.length() == fixedReply.length : body -> body.contains("<Encrypt>"));
                byte[][] barePool = bare ? pool(10_000, signer) : null;
                System.gc();
                long[] pgBefore = t.startsWith("postgres") ? pgCounters(storage) : null;
                LoadGenerator.Warm warm = load.warmUntilCompiled(target, n -> bare ? barePool : pool(n, signer),
                        warmup, warmupMax, seconds);
                String warmed = String.format("warmed up in %.0f s (%,d requests; the JIT compiler's time in its "
                        + "last second: %.0f ms)", warm.seconds(), warm.requests(), warm.jitMillisPerSecond());
                if (bare) {
                    load.load(target, barePool);
                    OUT.printf("%-46s %s%n", target.name(), warmed);
                } else {
                    long g = System.nanoTime();
                    byte[][] pool = pool(Math.min(warm.wanted(), requests), signer);
                    load.load(target, pool);
                    int size = pool.length;
                    refreshers.add(() -> load.load(target, pool(size, signer)));
                    // the pool (hundreds of MB) was just made: promote it now, not in the measured rounds' first
                    // collections (those copied it, 125-210 ms pauses billed to the target)
                    System.gc();
                    OUT.printf("%-46s %s; %,d distinct requests built in %.1f s for the measured rounds%n",
                            target.name(), warmed, pool.length, (System.nanoTime() - g) / 1e9);
                }
                if (pgBefore != null) {
                    Thread.sleep(1_500);
                    long[] pgAfter = pgCounters(storage);
                    long sent = pgAfter[2] - pgBefore[2];
                    OUT.printf("%-46s database in the warm-up: %,d deliveries claimed, %.2f commits and %.2f WAL "
                            + "flushes per delivery (flushes are server-wide)%n", "", sent,
                            (pgAfter[0] - pgBefore[0]) / (double) sent, (pgAfter[1] - pgBefore[1]) / (double) sent);
                }
                loaded.add(target);
            }
            if (set.child()) {
                rounds(load, loaded, set.roundSeconds(), () -> {
                    refreshers.forEach(Runnable::run);
                    System.gc();
                });
            } else {
                if (loaded.size() > 1) {
                    // signed again now: the first target's requests were signed before the others warmed up
                    refreshers.forEach(Runnable::run);
                    System.gc();
                }
                OUT.printf("measuring: %d rounds of %d s%s%n", set.rounds(), set.roundSeconds(),
                        loaded.size() > 1 ? ", the targets taking turns" : "");
                for (int round = 1; round <= set.rounds(); round++) {
                    for (LoadGenerator.Target target : loaded) {
                        double before = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                        double rate = load.measure(target, set.roundSeconds()).perSecond();
                        ROUND_RATES.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(rate);
                        OUT.printf("round %d  %-46s %,9.0f req/s  machine load average %.1f before, %.1f after%n",
                                round, target.name(), rate, before, ManagementFactory.getOperatingSystemMXBean()
                                        .getSystemLoadAverage());
                    }
                }
            }
            List<LoadGenerator.Result> results = new ArrayList<>();
            for (LoadGenerator.Target target : loaded) {
                results.add(load.result(target));
            }
            if (storage != null) {
                Thread.sleep(1_000);
                long answered = results.stream().filter(r -> r.target().equals(POSTGRES))
                        .mapToLong(LoadGenerator.Result::requests).sum();
                OUT.printf("message log rows written by the PostgreSQL target (in and out, warm-up included): %,d; "
                        + "its measured deliveries alone: %,d%n", pgCounters(storage)[3], answered);
            }
            return results;
        } finally {
            server.stop();
            memory.close();
            if (postgres != null) {
                postgres.close();
            }
            if (storage != null) {
                storage.close();
            }
            if (db != null) {
                db.close();
                OUT.println("scratch database " + db.name() + " dropped");
            }
        }
    }

    /**
     * A target's JVM, warmed up: says so, then measures a round at each {@code ROUND} on standard input and answers
     * with what the round came to, until {@code END} (or the parent's end). At {@code FRESH} it signs its measured
     * requests again, with the current timestamp (those of the first JVMs to warm up would otherwise near the edge of
     * the callback's timestamp window, 180 s, within the rounds, and be refused), and says it is ready again.
     */
    private static void rounds(LoadGenerator load, List<LoadGenerator.Target> loaded, int roundSeconds,
            Runnable refresh) throws Exception {
        System.out.println(ForkedTargets.READY);
        System.out.flush();
        var commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); "ROUND".equals(command) || "FRESH".equals(command);
                command = commands.readLine()) {
            if (command.equals("FRESH")) {
                refresh.run();
                System.out.println(ForkedTargets.READY);
                System.out.flush();
                continue;
            }
            for (LoadGenerator.Target target : loaded) {
                LoadGenerator.Round r = load.measure(target, roundSeconds);
                System.out.println(ForkedTargets.ROUND + r.requests() + "\t" + r.nanos());
                System.out.flush();
            }
        }
    }

    /** The results, the summary, and the report file. */
    private static void report(List<LoadGenerator.Result> results, long started) throws java.io.IOException {
        for (LoadGenerator.Result r : results) {
            OUT.printf("%-46s %,9.0f req/s  p50 %,7d µs  p99 %,7d µs  max %,7d µs  JVM CPU %,5.0f µs/req  "
                    + "%,d requests in %.1f s, %d bad, JIT %,d ms%s%n", r.target(), r.perSecond(), r.p50Micros(),
                    r.p99Micros(), r.maxMicros(), r.cpuMicrosPerRequest(), r.requests(), r.seconds(), r.bad(),
                    r.jitMillis(),
                    r.exhausted() ? " (pool used up)" : "");
            if (!r.cpuByThreads().isEmpty() && r.requests() > 0) {
                StringBuilder by = new StringBuilder();
                r.cpuByThreads().forEach((kind, nanos) -> by.append(String.format("  %s %,.1f", kind,
                        nanos / 1e3 / r.requests())));
                OUT.printf("%-46s CPU µs per request by thread (database: this machine's PostgreSQL, outside the "
                        + "JVM):%s%n", "", by);
            }
        }
        summary(results);
        OUT.printf("total wall time %.0f s%n", (System.nanoTime() - started) / 1e9);
        double machineLoad = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (machineLoad > Runtime.getRuntime().availableProcessors()) {
            OUT.printf("NOTE: the machine's load average was %.1f on %d cores; other work shared the CPU, so "
                    + "these figures are not those of an idle machine%n", machineLoad,
                    Runtime.getRuntime().availableProcessors());
        }
        String file = System.getProperty("loadbench.out", "");
        if (!file.isBlank()) {
            Files.write(Path.of(file), REPORT.toByteArray());
            System.out.println("written to " + Path.of(file).toAbsolutePath().normalize());
        }
    }

    /** Commits in this database, WAL flushes of the server, dedupe rows, message log rows. */
    /** The scratch database's URL as the benchmarks use it: with pgjdbc's multi-row batched inserts. */
    static String storageUrl(ScratchDatabase db) {
        return db.url() + (db.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** The storage's database's commits so far (PostgreSQL's statistics lag by up to a second). */
    static long commits(JdbiStorage s) {
        return s.jdbi().withHandle(h -> h.createQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = "
                + "current_database()").mapTo(Long.class).one());
    }

    private static long[] pgCounters(JdbiStorage s) {
        long commits = commits(s);
        return s.jdbi().withHandle(h -> new long[] {
            commits,
            h.createQuery("SELECT wal_sync FROM pg_stat_wal").mapTo(Long.class).one(),
            h.createQuery("SELECT count(*) FROM wx_dedupe").mapTo(Long.class).one(),
            h.createQuery("SELECT count(*) FROM wx_message_log").mapTo(Long.class).one()});
    }

    private static ServletContextHandler servlet(String contextPath, jakarta.servlet.Servlet servlet) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(contextPath);
        context.addServlet(new ServletHolder(servlet), "/*");
        return context;
    }

    private static ServletContextHandler callback(String contextPath, WeChatRuntime runtime) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(contextPath);
        context.addServletContainerInitializer((classes, ctx) -> WeChatServlets.register(ctx, runtime));
        return context;
    }

    /** One real delivery, decrypted, before the load: the target must answer with the handler's reply. */
    private static void check(HttpClient client, int port, String path, CallbackSigner signer) throws Exception {
        SignedCallback s = signer.message(xml(new SecureRandom().nextLong() & Long.MAX_VALUE, 0));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?"
                + s.queryString())).POST(HttpRequest.BodyPublishers.ofString(s.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        String reply = r.statusCode() == 200 ? signer.readReply(r.body()) : "";
        if (!reply.contains(REPLY)) {
            throw new IllegalStateException(path + " did not answer with the reply: " + r.statusCode() + " "
                    + r.body());
        }
    }

    private static String xml(long msgId, int user) {
        return "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchUser" + user
                + "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello " + msgId + "]]></Content><MsgId>"
                + msgId + "</MsgId></xml>";
    }

    /** Distinct deliveries (new MsgId, nonce and timestamp each), built just before their target runs. */
    private static byte[][] pool(int n, CallbackSigner signer) {
        long base = (new SecureRandom().nextLong() & 0x3FFF_FFFF_FFFFL) * 1_000_000L;
        byte[][] pool = new byte[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            SignedCallback s = signer.message(xml(base + i, i % 1_000));
            byte[] body = s.body().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + 400);
            b.writeBytes(("?" + s.queryString() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(body);
            pool[i] = b.toByteArray();
        });
        return pool;
    }

    private static void summary(List<LoadGenerator.Result> results) {
        OUT.println();
        OUT.println("| target | req/s | p50 (ms) | p99 (ms) | JVM CPU per request (µs) |");
        OUT.println("| --- | --- | --- | --- | --- |");
        Map<String, Double> rate = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (LoadGenerator.Result r : results) {
            rate.put(r.target(), r.perSecond());
            cpu.put(r.target(), r.cpuMicrosPerRequest());
            OUT.printf("| %s | %,.0f | %.2f | %.2f | %,.0f |%n", r.target(), r.perSecond(), r.p50Micros() / 1000.0,
                    r.p99Micros() / 1000.0, r.cpuMicrosPerRequest());
        }
        Double bare = rate.get(BARE);
        Double mem = rate.get(MEMORY);
        Double pg = rate.get(POSTGRES);
        Double wx = rate.get(WXJAVA);
        OUT.println();
        if (bare != null && mem != null) {
            OUT.printf("in-memory callback / bare servlet: %.0f%% (goal ≥ 75%%); by JVM CPU per request: %.0f%%%s%n",
                    100 * mem / bare, 100 * cpu.get(BARE) / cpu.get(MEMORY), byRound(MEMORY, BARE, true));
        }
        if (pg != null && wx != null) {
            OUT.printf("PostgreSQL callback / WxJava in-memory: %.2f× (goal > 1)%s%n", pg / wx,
                    byRound(POSTGRES, WXJAVA, false));
        }
        for (LoadGenerator.Result r : results) {
            // compiling for 30% of the measured time (a warmed-up target spends up to a fifth, its compiler
            // finishing tiers in the background): the target was measured while still warming up
            if (r.jitMillis() > 300 * r.seconds()) {
                OUT.printf("NOT VALID: %s compiled for %.1f s of its measured %.0f s, so its figures and the ratios "
                        + "with it measure a warm-up; run again%n", r.target(), r.jitMillis() / 1000.0, r.seconds());
            }
        }
    }

    /**
     * The ratio of two targets in each round (measured one right after the other), and its median: a machine whose
     * speed drifts over minutes moves both sides of a round's ratio together.
     */
    private static String byRound(String target, String peer, boolean percent) {
        List<Double> a = ROUND_RATES.getOrDefault(target, List.of());
        List<Double> b = ROUND_RATES.getOrDefault(peer, List.of());
        if (a.size() < 2 || a.size() != b.size()) {
            return "";
        }
        List<Double> ratios = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            double r = b.get(i) == 0 ? 0 : a.get(i) / b.get(i);
            ratios.add(r);
            each.append(each.isEmpty() ? "" : ", ").append(percent ? String.format("%.0f%%", 100 * r)
                    : String.format("%.2f×", r));
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return "; round by round: " + each + " (median " + (percent ? String.format("%.0f%%", 100 * median)
                : String.format("%.2f×", median)) + ")";
    }
}
