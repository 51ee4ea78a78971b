package org.wechatmp.core.client;

/**
 * A private template of the account.
 *
 * @param templateId the id
 * @param title the title
 * @param primaryIndustry the first industry
 * @param deputyIndustry the second industry
 * @param content the content with placeholders
 * @param example an example
 */
public record Template(String templateId, String title, String primaryIndustry, String deputyIndustry,
        String content, String example) {
}
