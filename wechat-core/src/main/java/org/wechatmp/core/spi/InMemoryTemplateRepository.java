package org.wechatmp.core.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.Template;

/** A {@link TemplateRepository} in memory. */
public final class InMemoryTemplateRepository implements TemplateRepository {
    private final Map<String, List<Template>> templates = new ConcurrentHashMap<>();

    @Override
    public List<Template> templates(String account) {
        return templates.getOrDefault(account, List.of());
    }

    @Override
    public void replaceTemplates(String account, List<Template> all) {
        templates.put(account, List.copyOf(all));
    }
}
