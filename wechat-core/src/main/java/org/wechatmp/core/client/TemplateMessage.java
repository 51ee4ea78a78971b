package org.wechatmp.core.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A template message to send.
 *
 * @param touser the user's openid
 * @param templateId the template id
 * @param url the page opened on tap, or {@code null}
 * @param miniprogram the mini-program page opened on tap (takes precedence over url), or {@code null}
 * @param data the values: key → {@code {"value": ..., "color": ...}}
 * @param clientMsgId an idempotency key, or {@code null}
 */
public record TemplateMessage(String touser, String templateId, String url, MiniProgram miniprogram,
        Map<String, Value> data, String clientMsgId) {

    /**
     * Validates and copies.
     *
     * @param touser the user's openid
     * @param templateId the template id
     * @param url the page opened on tap, or {@code null}
     * @param miniprogram the mini-program page opened on tap (takes precedence over url), or {@code null}
     * @param data the values: key → {@code {"value": ..., "color": ...}}
     * @param clientMsgId an idempotency key, or {@code null}
     */
    public TemplateMessage {
        Objects.requireNonNull(touser, "touser");
        Objects.requireNonNull(templateId, "templateId");
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * A message with data and no link.
     *
     * @param touser the user
     * @param templateId the template
     * @param data the values as plain strings
     * @return the message
     */
    public static TemplateMessage of(String touser, String templateId, Map<String, String> data) {
        Map<String, Value> values = new LinkedHashMap<>();
        data.forEach((k, v) -> values.put(k, new Value(v, null)));
        return new TemplateMessage(touser, templateId, null, null, values, null);
    }

    /**
     * The same message opening a URL on tap.
     *
     * @param url the URL
     * @return a new message
     */
    public TemplateMessage withUrl(String url) {
        return new TemplateMessage(touser, templateId, url, miniprogram, data, clientMsgId);
    }

    /**
     * The same message opening a mini-program page on tap.
     *
     * @param appid the mini program
     * @param pagepath the page
     * @return a new message
     */
    public TemplateMessage withMiniProgram(String appid, String pagepath) {
        return new TemplateMessage(touser, templateId, url, new MiniProgram(appid, pagepath), data, clientMsgId);
    }

    /**
     * A value of the message.
     *
     * @param value the text
     * @param color a hex colour, or {@code null}
     */
    public record Value(String value, String color) {
    }

    /**
     * A mini-program jump.
     *
     * @param appid the mini program's appid
     * @param pagepath the page path
     */
    public record MiniProgram(String appid, String pagepath) {
    }
}
