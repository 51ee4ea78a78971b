package org.wechatmp.core.client;

/**
 * A public subscription template title.
 *
 * @param tid the public template id
 * @param title the title
 * @param type 2 for one-time, 3 for long-term
 * @param categoryId the category id
 */
public record SubscribeTitle(String tid, String title, int type, String categoryId) {
}
