package org.wechatmp.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.Tag;

/** A {@link TagRepository} in memory. */
public final class InMemoryTagRepository implements TagRepository {
    private final Map<String, Map<Integer, Tag>> tags = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Set<String>>> members = new ConcurrentHashMap<>();

    private Map<Integer, Tag> tagsOf(String account) {
        return tags.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    private Map<Integer, Set<String>> membersOf(String account) {
        return members.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    @Override
    public List<Tag> tags(String account) {
        return new ArrayList<>(tagsOf(account).values());
    }

    @Override
    public void saveTag(String account, Tag tag) {
        tagsOf(account).put(tag.id(), tag);
    }

    @Override
    public void deleteTag(String account, int tagId) {
        tagsOf(account).remove(tagId);
        membersOf(account).remove(tagId);
    }

    @Override
    public Set<String> members(String account, int tagId) {
        return Set.copyOf(membersOf(account).getOrDefault(tagId, Set.of()));
    }

    @Override
    public synchronized void changeMembers(String account, int tagId, Collection<String> openids, boolean add) {
        Set<String> set = membersOf(account).computeIfAbsent(tagId, k -> ConcurrentHashMap.newKeySet());
        if (add) {
            set.addAll(openids);
        } else {
            set.removeAll(openids);
        }
    }

    @Override
    public synchronized void replaceAll(String account, List<Tag> all, Map<Integer, ? extends Collection<String>> m) {
        tagsOf(account).clear();
        membersOf(account).clear();
        all.forEach(t -> saveTag(account, t));
        m.forEach((id, ids) -> membersOf(account).put(id, ConcurrentHashMap.newKeySet()));
        m.forEach((id, ids) -> membersOf(account).get(id).addAll(new HashSet<>(ids)));
    }
}
