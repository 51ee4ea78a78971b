package org.wechatmp.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM ({@code wechat-core/bom}) has no parent, so nothing but this test keeps it in step with the build: its
 * version is the parent's, and it manages every published module the root POM builds.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomVersionAndModulesFollowTheParent() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("wechat-core/bom/pom.xml"));

        assertThat(first(bom, "<artifactId>wechatmp-bom</artifactId>\\s*<version>([^<]+)</version>"))
                .isEqualTo(first(parent, "<artifactId>wechatmp-parent</artifactId>\\s*<version>([^<]+)</version>"));

        List<String> published = new ArrayList<>();
        for (String module : all(parent, "<module>([^<]+)</module>")) {
            if (module.startsWith("wechat-") && !module.contains("/")) {
                published.add(module);
            }
        }
        assertThat(published).contains("wechat-core", "wechat-storage-jdbi", "wechat-servlet", "wechat-jaxrs",
                "wechat-admin-web");
        assertThat(all(bom, "<artifactId>(wechat-[^<]+)</artifactId>")).containsExactlyInAnyOrderElementsOf(published);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static List<String> all(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
