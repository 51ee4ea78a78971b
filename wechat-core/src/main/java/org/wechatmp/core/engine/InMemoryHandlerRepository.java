package org.wechatmp.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link HandlerRepository} in memory: handlers configured in code. */
public final class InMemoryHandlerRepository implements HandlerRepository {
    private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();

    /**
     * Adds a handler (an id is assigned when it has none).
     *
     * @param account the account name
     * @param handler the handler
     * @return the stored handler
     */
    public Handler add(String account, Handler handler) {
        Handler stored = handler.id() == 0 ? handler.toBuilder().id(ids.incrementAndGet()).build() : handler;
        handlers.compute(account, (k, list) -> {
            List<Handler> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            copy.removeIf(h -> h.id() == stored.id());
            copy.add(stored);
            return List.copyOf(copy);
        });
        versions.put(account, clock.incrementAndGet());
        return stored;
    }

    /**
     * Replaces every handler of an account.
     *
     * @param account the account name
     * @param all the handlers
     */
    public void replaceAll(String account, List<Handler> all) {
        List<Handler> stored = new ArrayList<>();
        for (Handler h : all) {
            stored.add(h.id() == 0 ? h.toBuilder().id(ids.incrementAndGet()).build() : h);
        }
        handlers.put(account, List.copyOf(stored));
        versions.put(account, clock.incrementAndGet());
    }

    @Override
    public void replaceSource(String account, Handler.Source source, List<Handler> replacement) {
        handlers.compute(account, (k, list) -> {
            List<Handler> kept = new ArrayList<>();
            if (list != null) {
                list.stream().filter(h -> h.source() != source).forEach(kept::add);
            }
            for (Handler h : replacement) {
                kept.add(h.toBuilder().id(ids.incrementAndGet()).source(source).build());
            }
            return List.copyOf(kept);
        });
        versions.put(account, clock.incrementAndGet());
    }

    @Override
    public List<Handler> handlers(String account) {
        return handlers.getOrDefault(account, List.of());
    }

    @Override
    public long version(String account) {
        return versions.getOrDefault(account, 0L);
    }
}
