package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream("i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** Every bundle's English keys, merged (a key defined in two bundles fails). */
    private static Properties english() throws IOException {
        Properties all = new Properties();
        for (String b : Msg.BUNDLES) {
            Properties en = load(b + ".properties");
            for (String k : en.stringPropertyNames()) {
                assertThat(all.getProperty(k)).as("key %s is defined in two bundles", k).isNull();
                all.setProperty(k, en.getProperty(k));
            }
        }
        return all;
    }

    @Test
    void bothLanguagesOfEveryBundleHaveTheSameKeysAndNoEmptyValue() throws IOException {
        for (String b : Msg.BUNDLES) {
            Properties en = load(b + ".properties");
            Properties zh = load(b + "_zh_CN.properties");
            assertThat(new TreeSet<>(zh.stringPropertyNames())).as(b).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
            assertThat(en.values()).allSatisfy(v -> assertThat((String) v).isNotBlank());
            assertThat(zh.values()).allSatisfy(v -> assertThat((String) v).isNotBlank());
        }
        english();
        assertThat(load("messages_zh_CN.properties").getProperty("login.title")).isEqualTo("登录");
        assertThat(Msg.of("zh-CN").t("nav.followers")).isEqualTo("粉丝");
        assertThat(Msg.of("en").t("nav.menu")).isEqualTo("Menu");
    }

    @Test
    void everyLiteralKeyInTheTemplatesIsInTheBundle() throws IOException {
        Properties en = english();
        Pattern key = Pattern.compile("p\\.t\\(\"([a-z][a-zA-Z.]*[a-z])\"");
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte")).filter(Files::isRegularFile)) {
            for (Path f : files.toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".") && en.getProperty(m.group(1)) == null) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void languageFromTags() {
        assertThat(Msg.supported("zh-CN")).isEqualTo("zh-CN");
        assertThat(Msg.supported("zh-Hans-CN")).isEqualTo("zh-CN");
        assertThat(Msg.supported("en-GB")).isEqualTo("en");
        assertThat(Msg.supported("fr")).isNull();
        assertThat(Msg.of("zh-CN").t("accounts.delete.confirm", "demo")).contains("demo").startsWith("删除公众号");
        assertThat(Msg.of("en").t("accounts.name.help")).contains("'-'");
    }
}
