package org.wechatmp.admin.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The messages of one language: {@code i18n/messages.properties} (English) and
 * {@code i18n/messages_zh_CN.properties} (Simplified Chinese), both UTF-8, then one pair per section group
 * ({@link #BUNDLES}), looked up in that order.
 */
final class Msg {
    static final List<String> LANGS = List.of("zh-CN", "en");
    /** The bundles under {@code i18n/}, each with an English base file and a {@code _zh_CN} file. */
    static final List<String> BUNDLES = List.of("messages", "followers", "conversations", "menus", "replies",
            "materials", "reach", "stats");

    private final String lang;
    private final Locale locale;
    private final List<ResourceBundle> bundles;

    private Msg(String lang) {
        this.lang = lang;
        this.locale = Locale.forLanguageTag(lang);
        this.bundles = BUNDLES.stream().map(b -> ResourceBundle.getBundle("i18n." + b,
                "en".equals(lang) ? Locale.ROOT : locale, Msg.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))).toList();
    }

    private static final Msg ZH = new Msg("zh-CN");
    private static final Msg EN = new Msg("en");

    static Msg of(String lang) {
        return "zh-CN".equals(lang) ? ZH : EN;
    }

    /**
     * Maps a language tag (from {@code ?lang=}, the user or the browser) to a supported one.
     *
     * @param tag the tag
     * @return {@code zh-CN}, {@code en}, or {@code null} when neither
     */
    static String supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("zh")) {
            return "zh-CN";
        }
        if (t.startsWith("en")) {
            return "en";
        }
        return null;
    }

    String lang() {
        return lang;
    }

    String t(String key) {
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                return b.getString(key);
            }
        }
        return key;
    }

    String t(String key, Object... args) {
        MessageFormat f = new MessageFormat(t(key).replace("'", "''"), locale);
        return f.format(args);
    }
}
