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
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("wechat-admin is running")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(ready.await(90, TimeUnit.SECONDS)).as("started; output:\n%s", String.join("\n", lines))
                    .isTrue();
            String base = "http://127.0.0.1:" + port;
            assertThat(lines).anyMatch(l -> l.contains("wechat-admin is running: " + base + "/"));
            assertThat(lines).anyMatch(l -> l.contains("sign in:  " + base + "/login"));
            assertThat(lines).anyMatch(l -> l.contains(base + "/wechat/<account name>"));
            assertThat(lines).anyMatch(l -> l.contains("created the first superuser 'root'"));
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
}
