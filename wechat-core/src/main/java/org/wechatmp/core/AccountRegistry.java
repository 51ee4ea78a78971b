package org.wechatmp.core;

import java.util.List;
import java.util.Optional;

/**
 * Finds accounts by name. The callback pipeline asks it for every request, so implementations should answer from
 * memory (the storage module caches).
 */
public interface AccountRegistry {
    /**
     * Finds an account.
     *
     * @param name the account name from the URL
     * @return the account, if it exists
     */
    Optional<Account> find(String name);

    /**
     * Every account.
     *
     * @return the accounts
     */
    List<Account> all();
}
