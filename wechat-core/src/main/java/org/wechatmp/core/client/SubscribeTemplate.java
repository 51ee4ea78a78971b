package org.wechatmp.core.client;

/**
 * A private subscription template of the account.
 *
 * @param priTmplId the private template id
 * @param title the title
 * @param content the content with placeholders such as {@code {{thing1.DATA}}}
 * @param example an example
 * @param type 2 for one-time, 3 for long-term
 */
public record SubscribeTemplate(String priTmplId, String title, String content, String example, int type) {
}
