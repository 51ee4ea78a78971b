package org.wechatmp.admin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {{name.DATA}}} fields of a template's content, in order, each once. */
final class TemplateFields {
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]{1,32})\\.DATA\\s*}}");

    private TemplateFields() {
    }

    static List<String> of(String content) {
        List<String> out = new ArrayList<>();
        if (content == null) {
            return out;
        }
        Matcher m = FIELD.matcher(content);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
