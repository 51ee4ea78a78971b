package org.wechatmp.admin.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The send-a-test form of a template (kept on an error so that nothing typed is lost).
 *
 * @param target {@code one} (a follower) or {@code tag} (every follower with a tag)
 * @param openid the follower
 * @param tagId the tag, as typed
 * @param url the page opened on tap, or empty
 * @param values the field values by field name
 */
record TemplateForm(String target, String openid, String tagId, String url, Map<String, String> values) {
    static final int VALUE_MAX = 200;

    static TemplateForm empty(List<String> fields) {
        Map<String, String> v = new LinkedHashMap<>();
        fields.forEach(f -> v.put(f, ""));
        return new TemplateForm("one", "", "", "", v);
    }

    static TemplateForm of(Ctx c, List<String> fields) {
        Map<String, String> v = new LinkedHashMap<>();
        fields.forEach(f -> v.put(f, c.param("field_" + f)));
        return new TemplateForm("tag".equals(c.param("target")) ? "tag" : "one", c.param("openid"), c.param("tagId"),
                c.param("url"), v);
    }

    String value(String field) {
        return values.getOrDefault(field, "");
    }
}
