package org.wechatmp.examples.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load benchmark's targets, each in a JVM of its own, measured taking turns: every JVM is started and warmed up
 * in turn (one at a time, so a warm-up has the machine to itself), then the parent runs short measured rounds, one
 * target after the other, round after round, while the other JVMs idle. A target's JVM is told what to do on its
 * standard input ({@code FRESH}, {@code ROUND}, {@code END}) and answers on its standard output with marker lines;
 * everything else it prints is passed on. Taking turns in short rounds exposes every target to the same drift of a
 * shared machine (a neighbour's load on a virtual machine slows every process for minutes at a time), so the ratio of
 * two targets in the same round holds where the ratio of two runs minutes apart did not. Once all are warmed up, each
 * JVM signs its measured requests again ({@code FRESH}), so none has aged towards the timestamp window's edge.
 */
final class ForkedTargets implements AutoCloseable {
    /** A target's JVM is warmed up and waits for rounds. */
    static final String READY = "LOADBENCH-READY";
    /** One round measured: requests, then measured nanoseconds. */
    static final String ROUND = "LOADBENCH-ROUND\t";
    /** The target's rounds, together (see {@link #encode}). */
    static final String RESULT = "LOADBENCH-RESULT\t";

    /** One target's JVM. */
    private record Child(String target, Process process, BufferedReader out, Writer in) {
    }

    private final List<Child> children = new ArrayList<>();
    private final PrintStream echo;

    ForkedTargets(PrintStream echo) {
        this.echo = echo;
    }

    /**
     * Starts a target's JVM and waits until it is warmed up.
     *
     * @param target the target's short name
     * @param command the JVM's command line
     * @throws IOException when the JVM cannot start or ends before it is ready
     */
    void start(String target, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Child c = new Child(target, p, new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)), new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        children.add(c);
        until(c, READY);
    }

    /**
     * Has every JVM sign its measured requests again (now that all are warmed up) and waits until each is ready.
     *
     * @throws IOException when a JVM has gone
     */
    void refresh() throws IOException {
        for (Child c : children) {
            send(c, "FRESH");
            until(c, READY);
        }
    }

    /** The started targets, in order. */
    List<String> targets() {
        return children.stream().map(Child::target).toList();
    }

    /**
     * Measures one round of the i-th target.
     *
     * @param i the target's index
     * @return requests per second in the round
     * @throws IOException when the JVM has gone
     */
    double round(int i) throws IOException {
        Child c = children.get(i);
        send(c, "ROUND");
        String[] f = until(c, ROUND).substring(ROUND.length()).split("\t");
        return new LoadGenerator.Round(Long.parseLong(f[0]), Long.parseLong(f[1])).perSecond();
    }

    /**
     * Ends every JVM and collects its result.
     *
     * @return the results, in the order the targets started
     * @throws Exception when a JVM fails
     */
    List<LoadGenerator.Result> end() throws Exception {
        List<LoadGenerator.Result> results = new ArrayList<>();
        for (Child c : children) {
            send(c, "END");
            results.add(decode(until(c, RESULT).substring(RESULT.length())));
            // what the JVM prints while it shuts down (the scratch database dropped)
            until(c, null);
            if (c.process().waitFor() != 0) {
                throw new IllegalStateException("the JVM of target " + c.target() + " failed: exit "
                        + c.process().exitValue());
            }
        }
        return results;
    }

    private static void send(Child c, String command) throws IOException {
        c.in().write(command + "\n");
        c.in().flush();
    }

    /** Passes the JVM's lines on until one starts with {@code marker} (returned) or, for {@code null}, the end. */
    private String until(Child c, String marker) throws IOException {
        for (String line = c.out().readLine(); line != null; line = c.out().readLine()) {
            if (marker != null && line.startsWith(marker)) {
                return line;
            }
            echo.println(line);
        }
        if (marker == null) {
            return null;
        }
        throw new IOException("the JVM of target " + c.target() + " ended before it answered " + marker.trim());
    }

    @Override
    public void close() {
        for (Child c : children) {
            c.process().destroyForcibly();
        }
    }

    /** A result as one line of tab-separated fields. */
    static String encode(LoadGenerator.Result r) {
        StringBuilder threads = new StringBuilder();
        r.cpuByThreads().forEach((k, v) -> threads.append(threads.isEmpty() ? "" : ";").append(k).append('=')
                .append(v));
        return String.join("\t", r.target(), Long.toString(r.requests()), Long.toString(r.bad()),
                Double.toString(r.seconds()), Long.toString(r.p50Micros()), Long.toString(r.p99Micros()),
                Long.toString(r.maxMicros()), Boolean.toString(r.exhausted()), Long.toString(r.cpuNanos()),
                Long.toString(r.jitMillis()), threads.toString());
    }

    static LoadGenerator.Result decode(String line) {
        String[] f = line.split("\t", -1);
        Map<String, Long> threads = new TreeMap<>();
        for (String kv : f[10].split(";")) {
            if (!kv.isEmpty()) {
                threads.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
            }
        }
        return new LoadGenerator.Result(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), threads);
    }
}
