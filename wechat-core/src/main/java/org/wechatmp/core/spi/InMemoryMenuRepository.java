package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MenuRepository} in memory. */
public final class InMemoryMenuRepository implements MenuRepository {
    private final Map<String, JsonNode> menus = new ConcurrentHashMap<>();

    @Override
    public Optional<JsonNode> menu(String account) {
        return Optional.ofNullable(menus.get(account)).map(JsonNode::deepCopy);
    }

    @Override
    public void saveMenu(String account, JsonNode menu) {
        menus.put(account, menu.deepCopy());
    }
}
