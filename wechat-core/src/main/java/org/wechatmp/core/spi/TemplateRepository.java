package org.wechatmp.core.spi;

import java.util.List;
import java.util.Optional;
import org.wechatmp.core.client.Template;

/**
 * The private message templates of each account.
 *
 * <p>Read side: {@link #templates}, {@link #find}. Write side: {@link #replaceAll}, {@link #delete}.
 */
public interface TemplateRepository {
    /**
     * The templates, ordered by template id.
     *
     * @param account the account name
     * @return the templates
     */
    List<Template> templates(String account);

    /**
     * One template.
     *
     * @param account the account name
     * @param templateId the template id
     * @return the template, if stored
     */
    default Optional<Template> find(String account, String templateId) {
        return templates(account).stream().filter(t -> t.templateId().equals(templateId)).findFirst();
    }

    /**
     * Replaces the templates of an account, keeping local fields (alias, note) of those that remain.
     *
     * @param account the account name
     * @param templates the templates
     */
    void replaceAll(String account, List<Template> templates);

    /**
     * Deletes a stored template (locally only).
     *
     * @param account the account name
     * @param templateId the template id
     */
    void delete(String account, String templateId);
}
