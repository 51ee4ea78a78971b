package org.wechatmp.examples.wechatdouble;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Errors a test asked for: the next request to a path answers WeChat's error body ({@code errcode}, {@code errmsg})
 * instead of its usual answer, once per error queued. Applies to every stub.
 */
final class NextErrors implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-next-errors";
    private final Map<String, Queue<String>> pending = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    void add(String path, int errcode, String errmsg) {
        String body = "{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
        pending.computeIfAbsent(path, k -> new ConcurrentLinkedQueue<>()).add(body);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl().split("\\?")[0];
        Queue<String> q = pending.get(path);
        String body = q == null ? null : q.poll();
        if (body == null) {
            return serveEvent.getResponseDefinition();
        }
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }
}
