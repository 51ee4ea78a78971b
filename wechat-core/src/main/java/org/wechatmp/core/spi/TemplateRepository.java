package org.wechatmp.core.spi;

import java.util.List;
import org.wechatmp.core.client.Template;

/** The private message templates of each account. */
public interface TemplateRepository {
    /**
     * The templates.
     *
     * @param account the account name
     * @return the templates
     */
    List<Template> templates(String account);

    /**
     * Replaces the templates of an account, keeping local fields (alias, note) of those that remain.
     *
     * @param account the account name
     * @param templates the templates
     */
    void replaceTemplates(String account, List<Template> templates);
}
