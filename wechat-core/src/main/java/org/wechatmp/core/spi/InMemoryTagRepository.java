package org.wechatmp.core.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.Tag;

/**
 * A {@link TagRepository} in memory. Made with an {@link InMemoryUserRepository}, it keeps memberships there, so
 * that repository's tag filter sees them (as the database implementations do).
 */
public final class InMemoryTagRepository implements TagRepository {
    private final Map<String, Map<Integer, Tag>> tags = new ConcurrentHashMap<>();
    private final InMemoryUserRepository users;

    /** A repository with memberships of its own. */
    public InMemoryTagRepository() {
        this(new InMemoryUserRepository());
    }

    /**
     * A repository keeping memberships in a user repository.
     *
     * @param users the user repository whose tag filter reads the memberships
     */
    public InMemoryTagRepository(InMemoryUserRepository users) {
        this.users = users;
    }

    private Map<Integer, Tag> tagsOf(String account) {
        return tags.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    @Override
    public List<Tag> tags(String account) {
        return tagsOf(account).values().stream().sorted(Comparator.comparingInt(Tag::id)).toList();
    }

    @Override
    public void save(String account, Tag tag) {
        tagsOf(account).put(tag.id(), tag);
    }

    @Override
    public synchronized void delete(String account, int tagId) {
        tagsOf(account).remove(tagId);
        users.membersOf(account).remove(tagId);
    }

    @Override
    public Set<String> members(String account, int tagId) {
        return Set.copyOf(users.membersOf(account).getOrDefault(tagId, Set.of()));
    }

    @Override
    public synchronized void changeMembers(String account, int tagId, Collection<String> openids, boolean add) {
        Set<String> set = users.membersOf(account).computeIfAbsent(tagId, k -> ConcurrentHashMap.newKeySet());
        if (add) {
            set.addAll(openids);
        } else {
            set.removeAll(openids);
        }
    }

    @Override
    public synchronized void replaceAll(String account, List<Tag> all, Map<Integer, ? extends Collection<String>> m) {
        tagsOf(account).clear();
        Map<Integer, Set<String>> members = users.membersOf(account);
        members.clear();
        all.forEach(t -> save(account, t));
        m.forEach((id, ids) -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(ids);
            members.put(id, set);
        });
    }
}
