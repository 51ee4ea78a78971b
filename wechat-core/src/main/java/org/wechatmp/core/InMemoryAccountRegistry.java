package org.wechatmp.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AccountRegistry} held in memory: accounts configured in code. */
public final class InMemoryAccountRegistry implements AccountRegistry {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /**
     * Creates a registry holding the given accounts.
     *
     * @param accounts the accounts
     */
    public InMemoryAccountRegistry(Account... accounts) {
        for (Account a : accounts) {
            put(a);
        }
    }

    /**
     * Adds or replaces an account.
     *
     * @param account the account
     * @return this registry
     */
    public InMemoryAccountRegistry put(Account account) {
        accounts.put(account.name(), account);
        return this;
    }

    @Override
    public Optional<Account> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(accounts.get(name));
    }

    @Override
    public List<Account> all() {
        return List.copyOf(accounts.values());
    }
}
