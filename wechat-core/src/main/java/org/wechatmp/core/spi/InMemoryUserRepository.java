package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A {@link UserRepository} in memory. Tag memberships (read by the {@link FollowerQuery#tagId() tag filter}) live
 * here too, so an {@link InMemoryTagRepository} made with this repository shares them.
 */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<String, Map<String, WeChatUser>> users = new ConcurrentHashMap<>();
    /** account → tag id → openids. */
    private final Map<String, Map<Integer, Set<String>>> members = new ConcurrentHashMap<>();

    private Map<String, WeChatUser> of(String account) {
        return users.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    Map<Integer, Set<String>> membersOf(String account) {
        return members.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    @Override
    public Optional<WeChatUser> find(String account, String openid) {
        return Optional.ofNullable(of(account).get(openid));
    }

    @Override
    public long count(String account) {
        return of(account).size();
    }

    @Override
    public Page<WeChatUser> query(String account, FollowerQuery q) {
        Predicate<WeChatUser> p = u -> true;
        if (q.subscribed() != null) {
            p = p.and(u -> q.subscribed().equals(u.subscribed()));
        }
        if (q.tagId() != null) {
            Set<String> tagged = Set.copyOf(membersOf(account).getOrDefault(q.tagId(), Set.of()));
            p = p.and(u -> tagged.contains(u.openid()));
        }
        if (q.exactId() != null) {
            String id = q.exactId();
            p = p.and(u -> id.equals(u.openid()) || id.equals(u.unionid()));
        }
        if (q.containsText() != null) {
            String text = q.containsText().toLowerCase(Locale.ROOT);
            p = p.and(u -> contains(u.nickname(), text) || contains(u.remark(), text));
        }
        if (q.subscribedFrom() != null) {
            p = p.and(u -> u.subscribeTime() != null && !u.subscribeTime().isBefore(q.subscribedFrom()));
        }
        if (q.subscribedBefore() != null) {
            p = p.and(u -> u.subscribeTime() != null && u.subscribeTime().isBefore(q.subscribedBefore()));
        }
        if (q.scene() != null) {
            p = p.and(u -> q.scene().equals(u.subscribeScene()));
        }
        if (q.sex() != null) {
            p = p.and(u -> u.sex() == q.sex());
        }
        if (q.hasNote() != null) {
            p = p.and(u -> q.hasNote() == (u.note() != null && !u.note().isEmpty()));
        }
        Comparator<WeChatUser> order = switch (q.sort()) {
            case SUBSCRIBE_TIME -> Comparator.comparing(WeChatUser::subscribeTime,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            case NICKNAME -> Comparator.comparing(WeChatUser::nickname, Comparator.nullsFirst(Comparator.naturalOrder()));
            case OPENID -> Comparator.comparing(WeChatUser::openid);
        };
        order = order.thenComparing(WeChatUser::openid);
        if (q.descending()) {
            order = order.reversed();
        }
        List<WeChatUser> all = of(account).values().stream().filter(p).sorted(order).toList();
        String after = q.page().cursor();
        if (q.sort() == FollowerQuery.Sort.OPENID && after != null) {
            // keyset: continue after the cursor's openid in the query's direction
            List<WeChatUser> rest = all.stream().filter(u -> q.descending() ? u.openid().compareTo(after) < 0
                    : u.openid().compareTo(after) > 0).toList();
            return Page.of(rest.subList(0, Math.min(rest.size(), q.page().limit() + 1)), q.page(), all.size(),
                    WeChatUser::openid);
        }
        return Page.slice(all, q.page());
    }

    private static boolean contains(String value, String lowerText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerText);
    }

    @Override
    public void saveAll(String account, Collection<WeChatUser> batch) {
        Map<String, WeChatUser> map = of(account);
        for (WeChatUser u : batch) {
            map.merge(u.openid(), u, (old, neu) -> new WeChatUser(neu.openid(), neu.unionid(), neu.nickname(),
                    neu.avatar(), neu.sex(), neu.language(), neu.city(), neu.province(), neu.country(),
                    neu.subscribed(), neu.subscribeTime(), neu.subscribeScene(), neu.qrScene(), neu.qrSceneStr(),
                    neu.remark(), old.note(), neu.tagIds(), old.firstSeen(), neu.syncedAt()));
        }
    }

    @Override
    public boolean recordSubscription(String account, String openid, boolean subscribed, Instant at) {
        boolean[] first = {false};
        of(account).compute(openid, (k, old) -> {
            WeChatUser base = old == null ? WeChatUser.of(openid, at) : old;
            first[0] = subscribed && base.subscribed() == null;
            return base.withSubscription(subscribed, at);
        });
        return first[0];
    }

    @Override
    public int markUnsubscribedExcept(String account, Set<String> present) {
        int[] n = {0};
        of(account).replaceAll((openid, u) -> {
            if (Boolean.TRUE.equals(u.subscribed()) && !present.contains(openid)) {
                n[0]++;
                return u.withSubscription(false, u.subscribeTime());
            }
            return u;
        });
        return n[0];
    }
}
