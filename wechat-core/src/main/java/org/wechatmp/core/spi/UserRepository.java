package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The local followers of each account.
 */
public interface UserRepository {
    /**
     * Finds a user.
     *
     * @param account the account name
     * @param openid the openid
     * @return the user, if known
     */
    Optional<WeChatUser> find(String account, String openid);

    /**
     * Inserts or updates users (matched by openid), keeping local fields (note, first seen) of existing rows.
     *
     * @param account the account name
     * @param users the users
     */
    void upsert(String account, Collection<WeChatUser> users);

    /**
     * Records a follow or unfollow seen in a callback, creating the user when unknown.
     *
     * @param account the account name
     * @param openid the openid
     * @param subscribed {@code true} for a follow
     * @param at when
     * @return {@code true} when this is the user's first follow ever seen
     */
    boolean recordSubscription(String account, String openid, boolean subscribed, Instant at);

    /**
     * Marks as unsubscribed every follower of an account not in the given set (after a full follower sync).
     *
     * @param account the account name
     * @param present the openids WeChat still lists
     * @return how many were marked
     */
    int markUnsubscribedExcept(String account, java.util.Set<String> present);
}
