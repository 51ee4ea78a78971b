package org.wechatmp.core.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A subscription notification to send.
 *
 * @param touser the follower's openid
 * @param templateId the private template id
 * @param page the web page opened on tap, or {@code null}
 * @param miniProgramAppId the mini program opened on tap, or {@code null}
 * @param miniProgramPagePath its page, or {@code null}
 * @param data the values by keyword, e.g. {@code thing1 -> "审核通过"}, in order
 */
public record SubscribeMessage(String touser, String templateId, String page, String miniProgramAppId,
        String miniProgramPagePath, Map<String, String> data) {
    /**
     * Checks and copies.
     *
     * @param touser the follower's openid
     * @param templateId the private template id
     * @param page the web page opened on tap, or {@code null}
     * @param miniProgramAppId the mini program opened on tap, or {@code null}
     * @param miniProgramPagePath its page, or {@code null}
     * @param data the values by keyword, e.g. {@code thing1 -> "审核通过"}, in order
     */
    public SubscribeMessage {
        Objects.requireNonNull(touser, "touser");
        Objects.requireNonNull(templateId, "templateId");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * A message without a link.
     *
     * @param touser the openid
     * @param templateId the private template id
     * @param data the values by keyword
     * @return the message
     */
    public static SubscribeMessage of(String touser, String templateId, Map<String, String> data) {
        return new SubscribeMessage(touser, templateId, null, null, null, data);
    }

    /**
     * This message opening a web page on tap.
     *
     * @param url the page
     * @return a copy
     */
    public SubscribeMessage withPage(String url) {
        return new SubscribeMessage(touser, templateId, url, miniProgramAppId, miniProgramPagePath, data);
    }

    /**
     * This message opening a mini program page on tap.
     *
     * @param appId the mini program
     * @param pagePath its page
     * @return a copy
     */
    public SubscribeMessage withMiniProgram(String appId, String pagePath) {
        return new SubscribeMessage(touser, templateId, page, appId, pagePath, data);
    }
}
