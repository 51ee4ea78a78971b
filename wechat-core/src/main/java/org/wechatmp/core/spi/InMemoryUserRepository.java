package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserRepository} in memory. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<String, Map<String, WeChatUser>> users = new ConcurrentHashMap<>();

    private Map<String, WeChatUser> of(String account) {
        return users.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    @Override
    public Optional<WeChatUser> find(String account, String openid) {
        return Optional.ofNullable(of(account).get(openid));
    }

    @Override
    public void upsert(String account, Collection<WeChatUser> batch) {
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
    public int markUnsubscribedExcept(String account, java.util.Set<String> present) {
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

    /**
     * Every user of an account.
     *
     * @param account the account
     * @return the users
     */
    public List<WeChatUser> all(String account) {
        return List.copyOf(of(account).values());
    }
}
