package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;

/**
 * The shared parts of the stateful answers of mass sending, customer service and comments: the call's name from the
 * path, the JSON body, and answers in WeChat's shape.
 */
abstract class ReachAnswers implements ResponseDefinitionTransformerV2 {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public final ResponseDefinition transform(ServeEvent event) {
        String url = event.getRequest().getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        JsonNode body;
        try {
            String text = event.getRequest().getBodyAsString();
            body = text == null || text.isBlank() || !text.trim().startsWith("{") ? JSON.createObjectNode()
                    : JSON.readTree(text);
        } catch (IOException e) {
            return error(47001, "data format error");
        }
        synchronized (this) {
            return answer(path, body, event);
        }
    }

    /**
     * Answers one call (under this object's lock).
     *
     * @param path the URL path
     * @param body the JSON body (empty for GET or multipart)
     * @param event the request
     * @return the answer
     */
    abstract ResponseDefinition answer(String path, JsonNode body, ServeEvent event);

    static String query(ServeEvent event, String name) {
        var p = event.getRequest().queryParameter(name);
        return p.isPresent() ? p.firstValue() : "";
    }

    static ResponseDefinition ok() {
        return error(0, "ok");
    }

    static ResponseDefinition error(int errcode, String errmsg) {
        ObjectNode n = JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg);
        return json(n);
    }

    static ResponseDefinition json(JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
