package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs' Java true: every Java block of a page in {@code docs/} is preceded by
 * {@code <!-- snippet: PATH#TAG -->} and equals, line for line, the region {@code // tag::TAG[]} ... {@code
 * // end::TAG[]} of that source file, which the build compiles (and mostly runs) as a test or an example. Change
 * the code, and this test says which page to update; change the page alone, and it fails too.
 */
class DocsSnippetsTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
    /** Pages written before this check; their code is prose about the design, checked by hand. */
    static final Set<String> OLDER_PAGES = Set.of("architecture.md", "query-plans.md");

    record Block(Path page, int line, String path, String tag, String text) {
    }

    static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```java")) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && lines.get(j).isBlank()) {
                j--;
            }
            Matcher m = j >= 0 ? MARKER.matcher(lines.get(j).trim()) : null;
            StringBuilder text = new StringBuilder();
            int k = i + 1;
            while (k < lines.size() && !lines.get(k).trim().equals("```")) {
                text.append(lines.get(k)).append('\n');
                k++;
            }
            blocks.add(new Block(page, i + 1, m != null && m.matches() ? m.group(1) : null,
                    m != null && m.matches() ? m.group(2) : null, text.toString()));
            i = k;
        }
        return blocks;
    }

    static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (t.equals("// end::" + tag + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("%s has // tag::%s[]", source, tag).isPositive();
        assertThat(end).as("%s has // end::%s[]", source, tag).isGreaterThanOrEqualTo(start);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : region) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }

    static List<Path> pages() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void everyJavaBlockIsCompiledCode() throws IOException {
        int checked = 0;
        for (Path page : pages()) {
            if (OLDER_PAGES.contains(page.getFileName().toString())) {
                continue;
            }
            for (Block b : blocks(page)) {
                assertThat(b.path()).as("%s:%d: a Java block without <!-- snippet: PATH#TAG --> above it",
                        b.page().getFileName(), b.line()).isNotNull();
                Path source = ROOT.resolve(b.path());
                assertThat(source).as("%s:%d names %s", b.page().getFileName(), b.line(), b.path()).isRegularFile();
                assertThat(b.text()).as("%s:%d must equal %s#%s (copy the region into the page)",
                        b.page().getFileName(), b.line(), b.path(), b.tag()).isEqualTo(region(source, b.tag()));
                checked++;
            }
        }
        assertThat(checked).as("Java blocks checked").isGreaterThanOrEqualTo(10);
    }

    @Test
    void thereIsAPagePerModuleAndForNewcomersFromWxJavaAndWechatDjango() {
        for (String page : List.of("wechat-core.md", "wechat-storage-jdbi.md", "wechat-servlet.md", "wechat-jaxrs.md",
                "wechat-admin-web.md", "spring-boot.md", "coming-from-wxjava.md", "coming-from-wechat-django.md")) {
            assertThat(ROOT.resolve("docs").resolve(page)).isRegularFile();
        }
    }
}
