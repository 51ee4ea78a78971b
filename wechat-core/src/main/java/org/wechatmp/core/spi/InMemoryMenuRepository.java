package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MenuRepository} in memory. */
public final class InMemoryMenuRepository implements MenuRepository {
    private final Map<String, JsonNode> menus = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonNode>> conditionals = new ConcurrentHashMap<>();
    private final Map<String, List<PublishedMenu>> history = new ConcurrentHashMap<>();
    private final Clock clock;
    private long ids;

    /** A repository timing publications with the system clock. */
    public InMemoryMenuRepository() {
        this(Clock.systemUTC());
    }

    /**
     * A repository timing publications with a clock.
     *
     * @param clock the clock
     */
    public InMemoryMenuRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<JsonNode> menu(String account) {
        return Optional.ofNullable(menus.get(account)).map(JsonNode::deepCopy);
    }

    @Override
    public Map<String, JsonNode> conditionalMenus(String account) {
        Map<String, JsonNode> out = new TreeMap<>();
        conditionals.getOrDefault(account, Map.of()).forEach((k, v) -> out.put(k, v.deepCopy()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Optional<JsonNode> published(String account) {
        List<PublishedMenu> list = history.getOrDefault(account, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1).menu());
    }

    @Override
    public synchronized Page<PublishedMenu> publishedHistory(String account, PageRequest page) {
        List<PublishedMenu> newest = new ArrayList<>(history.getOrDefault(account, List.of()));
        Collections.reverse(newest);
        return Page.slice(newest, page);
    }

    @Override
    public void save(String account, JsonNode menu) {
        menus.put(account, menu.deepCopy());
    }

    @Override
    public void replaceConditionalMenus(String account, Map<String, JsonNode> all) {
        Map<String, JsonNode> copy = new TreeMap<>();
        all.forEach((k, v) -> copy.put(k, v.deepCopy()));
        conditionals.put(account, copy);
    }

    @Override
    public synchronized void recordPublished(String account, JsonNode json) {
        menus.putIfAbsent(account, json.deepCopy());
        history.computeIfAbsent(account, a -> new ArrayList<>()).add(new PublishedMenu(++ids, json, clock.instant()));
    }
}
