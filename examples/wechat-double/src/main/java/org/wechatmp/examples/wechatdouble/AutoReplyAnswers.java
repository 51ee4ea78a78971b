package org.wechatmp.examples.wechatdouble;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers {@code get_current_autoreply_info} with a console set-up as shops have it (keyword rules with several
 * keywords, equal and contain matches, text, image, voice and news replies, reply-all and random-one, a follow reply
 * and a default reply), or with an errcode armed by {@link WeChatDouble#autoReplyError(int)}.
 */
final class AutoReplyAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-autoreply";
    private static final Map<Integer, String> ERRMSG = Map.of(40001, "invalid credential, access_token is invalid "
            + "or not latest", 45009, "reach max api daily quota limit", 48001, "api unauthorized", -1,
            "system error");
    private final String sample;
    private final AtomicInteger errcode = new AtomicInteger();

    AutoReplyAnswers() {
        try (InputStream in = AutoReplyAnswers.class.getResourceAsStream(
                "/wechat-double/__files/autoreply_console.json")) {
            if (in == null) {
                throw new IllegalStateException("autoreply_console.json is missing from the double's resources");
            }
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fail(int code) {
        errcode.set(code);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int code = errcode.get();
        String body = code == 0 ? sample : "{\"errcode\":" + code + ",\"errmsg\":\""
                + ERRMSG.getOrDefault(code, "error") + "\"}";
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }
}
