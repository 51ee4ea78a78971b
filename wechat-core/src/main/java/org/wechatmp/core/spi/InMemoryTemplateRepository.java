package org.wechatmp.core.spi;

import java.util.Comparator;
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
    public void replaceAll(String account, List<Template> all) {
        templates.put(account, all.stream().sorted(Comparator.comparing(Template::templateId)).toList());
    }

    @Override
    public void delete(String account, String templateId) {
        templates.computeIfPresent(account, (a, list) -> list.stream()
                .filter(t -> !t.templateId().equals(templateId)).toList());
    }
}
