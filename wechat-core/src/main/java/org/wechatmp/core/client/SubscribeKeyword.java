package org.wechatmp.core.client;

/**
 * A keyword of a public subscription template.
 *
 * @param kid the keyword id
 * @param name the name
 * @param example an example value
 * @param rule the value rule, e.g. {@code thing} or {@code time}
 */
public record SubscribeKeyword(int kid, String name, String example, String rule) {
}
