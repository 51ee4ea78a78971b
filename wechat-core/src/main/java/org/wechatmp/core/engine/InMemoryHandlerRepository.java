package org.wechatmp.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wechatmp.core.spi.Page;

/**
 * A {@link HandlerRepository} in memory: handlers configured in code. A handler saved without a creation time gets
 * the clock's time, as the database implementation does.
 */
public final class InMemoryHandlerRepository implements HandlerRepository {
    private final Map<String, List<Handler>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final Clock time;

    /** A repository timing new handlers with the system clock. */
    public InMemoryHandlerRepository() {
        this(Clock.systemUTC());
    }

    /**
     * A repository timing new handlers with a clock.
     *
     * @param time the clock
     */
    public InMemoryHandlerRepository(Clock time) {
        this.time = Objects.requireNonNull(time);
    }

    private Handler stamp(Handler h, long id) {
        Handler.Builder b = h.toBuilder().id(id);
        if (h.createdAt().equals(Instant.EPOCH)) {
            b.createdAt(Instant.ofEpochMilli(time.millis()));
        }
        return b.build();
    }

    @Override
    public Handler save(String account, Handler handler) {
        Handler[] stored = new Handler[1];
        handlers.compute(account, (k, list) -> {
            List<Handler> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            boolean replaced = handler.id() != 0 && copy.removeIf(h -> h.id() == handler.id());
            stored[0] = stamp(handler, replaced ? handler.id() : ids.incrementAndGet());
            copy.add(stored[0]);
            return List.copyOf(copy);
        });
        versions.put(account, clock.incrementAndGet());
        return stored[0];
    }

    @Override
    public boolean delete(String account, long id) {
        boolean[] removed = {false};
        handlers.computeIfPresent(account, (k, list) -> {
            List<Handler> copy = new ArrayList<>(list);
            removed[0] = copy.removeIf(h -> h.id() == id);
            return List.copyOf(copy);
        });
        if (removed[0]) {
            versions.put(account, clock.incrementAndGet());
        }
        return removed[0];
    }

    @Override
    public void replaceSource(String account, Handler.Source source, List<Handler> replacement) {
        handlers.compute(account, (k, list) -> {
            List<Handler> kept = new ArrayList<>();
            if (list != null) {
                list.stream().filter(h -> h.source() != source).forEach(kept::add);
            }
            for (Handler h : replacement) {
                kept.add(stamp(h.toBuilder().source(source).build(), ids.incrementAndGet()));
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
    public Optional<Handler> find(String account, long id) {
        return handlers(account).stream().filter(h -> h.id() == id).findFirst();
    }

    @Override
    public Page<Handler> query(String account, HandlerQuery query) {
        return Page.slice(handlers(account).stream().filter(query::matches).sorted(Handler.ORDER).toList(),
                query.page());
    }

    @Override
    public long version(String account) {
        return versions.getOrDefault(account, 0L);
    }
}
