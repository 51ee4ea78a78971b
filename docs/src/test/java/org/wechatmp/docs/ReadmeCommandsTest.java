package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's commands are the ones a newcomer copies: a command that runs an application must not hide its log
 * ({@code -q} silences what the examples print at start: the URLs, the API they talk to, the admin's password), and
 * every example is documented with the exact command that runs it.
 */
class ReadmeCommandsTest {
    static final Path ROOT = DocsSnippetsTest.ROOT;

    static List<String> commands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        // commands continued with a backslash are one command
        return readme.replace("\\\n", " ").lines().filter(l -> l.contains("mvn ") || l.contains("java -jar"))
                .toList();
    }

    @Test
    void noCommandThatRunsAnApplicationHidesItsLog() throws IOException {
        for (String line : commands()) {
            for (String part : line.split("&&|`")) {
                boolean runs = part.contains("exec:java") || part.contains("exec:exec") || part.contains("spring-boot:run")
                        || part.contains("java -jar");
                if (runs) {
                    assertThat(part).as("README runs an application with -q, which hides its log: %s", line.trim())
                            .doesNotContain(" -q ").doesNotContain(" --quiet ");
                }
            }
        }
    }

    @Test
    void everyExampleIsDocumentedWithItsCommand() throws IOException {
        List<String> commands = commands();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
                String name = "examples/" + dir.getFileName();
                assertThat(commands).as("README has a command for %s", name)
                        .anyMatch(c -> c.contains("-f " + name + " ") || c.contains("-pl " + name + " "));
            }
        }
    }
}
