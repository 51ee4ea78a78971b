package org.wechatmp.admin.web;

import java.util.Map;

/**
 * A pending send of a template to every follower of a tag, read by the {@code TEMPLATE_SEND} job.
 *
 * @param id the batch id
 * @param account the account
 * @param templateId the template
 * @param tagId the tag
 * @param data the field values
 * @param url the page opened on tap, or {@code null}
 * @param createdBy the admin who asked for it
 */
record TemplateBatch(long id, String account, String templateId, int tagId, Map<String, String> data, String url,
        String createdBy) {
}
