package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MenuRepository} in memory. */
public final class InMemoryMenuRepository implements MenuRepository {
    private final Map<String, JsonNode> menus = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonNode>> conditionals = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> published = new ConcurrentHashMap<>();

    @Override
    public Map<String, JsonNode> conditionalMenus(String account) {
        return Map.copyOf(conditionals.getOrDefault(account, Map.of()));
    }

    @Override
    public void replaceConditionalMenus(String account, Map<String, JsonNode> all) {
        conditionals.put(account, Map.copyOf(all));
    }

    @Override
    public void recordPublished(String account, JsonNode json) {
        published.put(account, json.deepCopy());
    }

    @Override
    public Optional<JsonNode> published(String account) {
        return Optional.ofNullable(published.get(account));
    }

    @Override
    public Optional<JsonNode> menu(String account) {
        return Optional.ofNullable(menus.get(account)).map(JsonNode::deepCopy);
    }

    @Override
    public void saveMenu(String account, JsonNode menu) {
        menus.put(account, menu.deepCopy());
    }
}
