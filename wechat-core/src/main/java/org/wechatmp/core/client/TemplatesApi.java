package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Template messages: the account's industries, adding from the library, the account's private templates, sending,
 * deleting.
 */
public final class TemplatesApi {
    private final ApiExecutor x;

    TemplatesApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The account's private templates.
     *
     * @return the templates
     */
    public List<Template> list() {
        List<Template> out = new ArrayList<>();
        for (JsonNode t : x.json(ApiExecutor.get("/cgi-bin/template/get_all_private_template", null))
                .path("template_list")) {
            out.add(x.convert(t, Template.class));
        }
        return out;
    }

    /**
     * Sends a template message.
     *
     * @param message the message
     * @return the message id (reported back in {@code TEMPLATESENDJOBFINISH})
     */
    public long send(TemplateMessage message) {
        return x.json(ApiExecutor.post("/cgi-bin/message/template/send", message)).path("msgid").asLong();
    }

    /**
     * Deletes a private template.
     *
     * @param templateId the id
     */
    public void delete(String templateId) {
        x.json(ApiExecutor.post("/cgi-bin/template/del_private_template", Map.of("template_id", templateId)));
    }

    /**
     * Sets the account's two industries (WeChat allows a change once a month).
     *
     * @param primaryIndustryId the first industry's id, e.g. 1 (IT科技/互联网|电子商务)
     * @param secondaryIndustryId the second industry's id
     */
    public void setIndustry(int primaryIndustryId, int secondaryIndustryId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("industry_id1", primaryIndustryId);
        body.put("industry_id2", secondaryIndustryId);
        x.json(ApiExecutor.post("/cgi-bin/template/api_set_industry", body));
    }

    /**
     * The account's two industries.
     *
     * @return the industries
     */
    public TemplateIndustry industry() {
        JsonNode json = x.json(ApiExecutor.get("/cgi-bin/template/get_industry", null));
        return new TemplateIndustry(TemplateIndustry.Industry.read(json.path("primary_industry")),
                TemplateIndustry.Industry.read(json.path("secondary_industry")));
    }

    /**
     * Adds a template from the library to the account's private templates.
     *
     * @param templateIdShort the library id, e.g. {@code TM00015}
     * @return the new private template id
     */
    public String add(String templateIdShort) {
        return x.json(ApiExecutor.post("/cgi-bin/template/api_add_template",
                Map.of("template_id_short", templateIdShort))).path("template_id").asText("");
    }
}
