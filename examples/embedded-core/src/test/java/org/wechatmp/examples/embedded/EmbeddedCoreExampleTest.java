package org.wechatmp.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example in its own JVM, as {@code exec:java} runs it: it does its work, says so, and the JVM exits. */
class EmbeddedCoreExampleTest {
    @Test
    void exitsAsSoonAsItsWorkIsDone() throws Exception {
        Path out = Files.createTempFile("embedded-core", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedCoreExample.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // no thread of the runtime, the double or OkHttp may keep the JVM alive (generous: the machine is shared)
        boolean exited = p.waitFor(180, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited).as("the example's JVM ended by itself; output:%n%s", log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("WeChat API: the local WeChat double at http://127.0.0.1:")
                .contains("callback: HTTP 200").contains("你好，来自 wechatmp").contains("job: FOLLOWERS_FULL");
        Files.deleteIfExists(out);
    }
}
