package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar wechat-admin-web.war} as a process on a free port: it starts, prints how to sign in, serves. */
class LauncherIT {

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The README's run command, {@code java -jar wechat-admin-web/target/wechat-admin-web.war}, in a fresh directory. */
    @Test
    void theReadmeCommandStartsTheDemoWithTheDoubleAndItsFollowers() throws Exception {
        try (java.util.zip.ZipFile war = new java.util.zip.ZipFile(JettyWar.war().toFile())) {
            List<String> names = war.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).anyMatch(n -> n.matches("WEB-INF/launcher/lib/wechat-double-.*\\.jar"))
                    .anyMatch(n -> n.matches("WEB-INF/launcher/lib/wiremock-standalone-.*\\.jar"))
                    .noneMatch(n -> n.startsWith("WEB-INF/lib/wechat-double"))
                    .noneMatch(n -> n.startsWith("WEB-INF/lib/wiremock"));
        }
        int port = freePort();
        Path dir = java.nio.file.Files.createTempDirectory("admin-demo");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", JettyWar.war().toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("WECHAT_") || k.equals("HOST"));
        env.put("PORT", String.valueOf(port));
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = read(p, lines, "wechat-admin is running in DEMO MODE", "demo-output");
        try {
            assertThat(ready.await(90, TimeUnit.SECONDS)).as("started; output:\n%s", String.join("\n", lines))
                    .isTrue();
            String url = "http://localhost:" + port;
            awaitLine(lines, l -> l.contains("wechat-admin is running in DEMO MODE: " + url + "/"));
            awaitLine(lines, l -> l.contains("sign in:  " + url + "/login  as admin"));
            awaitLine(lines, l -> l.contains("WeChat callback URL of the demo account: " + url + "/wechat/demo"));
            awaitLine(lines, l -> l.contains(" INFO org.wechatmp.admin.Demo - demo: syncing"));
            awaitLine(lines, l -> l.startsWith("DEMO MODE: a local WeChat double at http://127.0.0.1:"));
            // the password's block is read to its closing line (the reader thread may still be on it)
            long blockUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < blockUntil && lines.stream().dropWhile(l -> !l.contains("generated password"))
                    .skip(1).noneMatch(l -> l.startsWith("*****"))) {
                Thread.sleep(50);
            }
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("Sign in as 'admin' with this generated password")) {
                    at = i;
                }
            }
            assertThat(at).as("the password is printed").isNotNegative();
            String password = lines.subList(at + 1, lines.size()).stream().map(String::trim)
                    .filter(l -> !l.isEmpty()).findFirst().orElseThrow();
            Web w = new Web("http://127.0.0.1:" + port);
            assertThat(w.signIn("admin", password).statusCode()).isEqualTo(302);
            String dashboard = "";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String jobs = "";
            while (System.nanoTime() < until) {
                dashboard = w.get("/").body();
                jobs = w.get("/jobs").body();
                // the followers are stored page by page, the job's end is recorded after the last one
                if (dashboard.contains("<dd class=\"col-6 followers\">5000</dd>")
                        && !jobs.contains("data-state=\"RUNNING\"")) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(dashboard).contains("id=\"demo-banner\"").contains("data-account=\"demo\"")
                    .contains("<dd class=\"col-6 followers\">5000</dd>");
            assertThat(jobs).contains("data-kind=\"FOLLOWERS_FULL\" data-state=\"SUCCEEDED\"")
                    .contains("data-kind=\"MENUS\" data-state=\"SUCCEEDED\"")
                    .contains("data-kind=\"MATERIALS\" data-state=\"SUCCEEDED\"")
                    .contains("data-kind=\"TAGS\" data-state=\"SUCCEEDED\"");
            assertThat(String.join("\n", lines)).doesNotContain("demo-secret");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void javaMinusJarRunsTheAdmin() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", JettyWar.war().toAbsolutePath().toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(port));
        env.put("HOST", "127.0.0.1");
        env.put("WECHAT_DB_URL", JettyWar.memoryDb());
        env.put("WECHAT_ADMIN_USER", "root");
        env.put("WECHAT_ADMIN_PASSWORD", "launcher-password-1");
        env.put("WECHAT_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("WECHAT_DEMO", "off");
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = read(p, lines, "wechat-admin is running", "launcher-output");
        try {
            assertThat(ready.await(90, TimeUnit.SECONDS)).as("started; output:\n%s", String.join("\n", lines))
                    .isTrue();
            String base = "http://127.0.0.1:" + port;
            awaitLine(lines, l -> l.contains("wechat-admin is running: " + base + "/"));
            awaitLine(lines, l -> l.contains("sign in:  " + base + "/login"));
            awaitLine(lines, l -> l.contains(base + "/wechat/<account name>"));
            awaitLine(lines, l -> l.contains("created the first superuser 'root'"));
            assertThat(String.join("\n", lines)).doesNotContain("launcher-password-1");
            Web w = new Web(base);
            assertThat(w.signIn("root", "launcher-password-1").statusCode()).isEqualTo(302);
            assertThat(w.get("/accounts").statusCode()).isEqualTo(200);
            assertThat(w.get("/").body()).contains("id=\"no-accounts\"");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Collects the process's output on a daemon thread; the latch opens at the first line starting with {@code start}. */
    static CountDownLatch read(Process p, List<String> lines, String start, String thread) {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith(start)) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, thread);
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    /** Waits (10 s at most) for a line of the process's output: the reader thread may not have read it yet. */
    static void awaitLine(List<String> lines, java.util.function.Predicate<String> line) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.stream().noneMatch(line) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(lines).anyMatch(line);
    }
}
