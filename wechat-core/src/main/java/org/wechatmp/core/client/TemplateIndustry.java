package org.wechatmp.core.client;

/**
 * The two industries of the account's template messages.
 *
 * @param primary the first industry
 * @param secondary the second industry
 */
public record TemplateIndustry(Industry primary, Industry secondary) {
    /**
     * An industry as WeChat names it.
     *
     * @param firstClass the main class, e.g. {@code 运输与仓储}
     * @param secondClass the sub-class, e.g. {@code 快递}
     */
    public record Industry(String firstClass, String secondClass) {
        static Industry read(com.fasterxml.jackson.databind.JsonNode n) {
            return new Industry(n.path("first_class").asText(""), n.path("second_class").asText(""));
        }
    }
}
