package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Template messages: the account's private templates, sending, deleting.
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
}
