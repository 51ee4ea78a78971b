package org.wechatmp.core.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local followers of each account.
 *
 * <p>Read side: {@link #find}, {@link #count}, {@link #query} (filtered, sorted, paged, with a bounded count; see
 * {@link FollowerQuery} and {@link Page}). Write side: {@link #save}, {@link #saveAll}, {@link #recordSubscription},
 * {@link #markUnsubscribedExcept}. Text order (nickname, openid) follows the database's collation.
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
     * How many users (followers or not) an account has stored.
     *
     * @param account the account name
     * @return the count
     */
    long count(String account);

    /**
     * A page of followers matching a query.
     *
     * @param account the account name
     * @param query the filters, order and page
     * @return the page, with its total counted up to the page request's count limit
     */
    Page<WeChatUser> query(String account, FollowerQuery query);

    /**
     * Inserts or updates users (matched by openid), keeping local fields (note, first seen) of existing rows.
     *
     * @param account the account name
     * @param users the users
     */
    void saveAll(String account, Collection<WeChatUser> users);

    /**
     * Inserts or updates one user, keeping its local fields (note, first seen) when it exists.
     *
     * @param account the account name
     * @param user the user
     */
    default void save(String account, WeChatUser user) {
        saveAll(account, List.of(user));
    }

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
    int markUnsubscribedExcept(String account, Set<String> present);
}
