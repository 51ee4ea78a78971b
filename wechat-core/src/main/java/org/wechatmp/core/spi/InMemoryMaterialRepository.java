package org.wechatmp.core.spi;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;

/** A {@link MaterialRepository} in memory. */
public final class InMemoryMaterialRepository implements MaterialRepository {
    private static final Comparator<StoredMaterial> NEWEST = Comparator.comparingLong(StoredMaterial::updateTime)
            .thenComparing(StoredMaterial::mediaId).reversed();
    private final Map<String, Map<String, StoredMaterial>> materials = new ConcurrentHashMap<>();
    private final Map<String, List<NewsArticle>> news = new ConcurrentHashMap<>();

    private Map<String, StoredMaterial> of(String account) {
        return materials.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    @Override
    public Optional<StoredMaterial> find(String account, String mediaId) {
        return Optional.ofNullable(of(account).get(mediaId));
    }

    @Override
    public Page<StoredMaterial> query(String account, String type, PageRequest page) {
        return Page.slice(of(account).values().stream().filter(m -> type == null || m.type().equals(type))
                .sorted(NEWEST).toList(), page);
    }

    @Override
    public Set<String> mediaIds(String account, String type) {
        Set<String> out = new HashSet<>();
        of(account).values().forEach(m -> {
            if (m.type().equals(type)) {
                out.add(m.mediaId());
            }
        });
        return out;
    }

    @Override
    public List<NewsArticle> articles(String account, String mediaId) {
        return news.getOrDefault(account + '\u0000' + mediaId, List.of());
    }

    @Override
    public synchronized void save(String account, String type, MaterialItem item) {
        of(account).put(item.mediaId(), new StoredMaterial(item.mediaId(), type, item.name() == null ? "" : item.name(),
                item.url() == null ? "" : item.url(), item.updateTime()));
        if (item.articles().isEmpty()) {
            news.remove(account + '\u0000' + item.mediaId());
        } else {
            news.put(account + '\u0000' + item.mediaId(), List.copyOf(item.articles()));
        }
    }

    @Override
    public void saveArticles(String account, String mediaId, List<NewsArticle> articles) {
        save(account, "news", new MaterialItem(mediaId, "", 0L, "", articles));
    }

    @Override
    public synchronized void delete(String account, String mediaId) {
        of(account).remove(mediaId);
        news.remove(account + '\u0000' + mediaId);
    }
}
