package org.wechatmp.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structural rules of the core, read from its sources: feature packages form no cycle (the root package, which
 * holds the runtime and the base types, is the one exception), no class of the core reaches 400 lines, and the
 * callback adapters stay thin.
 */
class PackageRulesTest {
    private static final Path CORE = Path.of("src/main/java/org/wechatmp/core");
    private static final Pattern REFERENCE = Pattern.compile("org\\.wechatmp\\.core\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void featurePackagesHaveNoCycles() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CORE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = CORE.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // the root package may use every feature
                }
                String pkg = rel.getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.computeIfAbsent(pkg, k -> new HashSet<>()).add(m.group(1));
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (reaches(uses, to, from, new HashSet<>())) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
        assertThat(cycles).as("package cycles (uses: %s)", uses).isEmpty();
    }

    @Test
    void coreClassesStayUnderFourHundredLinesAndCallbackAdaptersUnderOneHundredFifty() throws IOException {
        Map<String, Long> tooLong = new HashMap<>();
        try (Stream<Path> files = Files.walk(CORE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                long lines = Files.readAllLines(f).size();
                if (lines >= 400) {
                    tooLong.put(CORE.relativize(f).toString(), lines);
                }
            }
        }
        assertThat(tooLong).isEmpty();
        for (String adapter : List.of(
                "../wechat-servlet/src/main/java/org/wechatmp/servlet/WeChatCallbackServlet.java",
                "../wechat-jaxrs/src/main/java/org/wechatmp/jaxrs/WeChatCallbackResource.java")) {
            assertThat(Files.readAllLines(Path.of(adapter))).as(adapter).hasSizeLessThan(150);
        }
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
