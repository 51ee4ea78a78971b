package org.wechatmp.core.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/** The in-memory users, failing like a database with a too-long column when told to. */
public final class FlakyUsers implements UserRepository {
    public static final String SQL_FAILURE = "org.jdbi.v3.core.statement.UnableToExecuteStatementException: "
            + "org.postgresql.util.PSQLException: ERROR: value too long for type character varying(64) "
            + "[statement:\"INSERT INTO wechat_user (account, openid, nickname) VALUES (?, ?, ?)\"]";

    private final InMemoryUserRepository delegate = new InMemoryUserRepository();
    public volatile boolean failing;

    @Override
    public Optional<WeChatUser> find(String account, String openid) {
        return delegate.find(account, openid);
    }

    @Override
    public void saveAll(String account, Collection<WeChatUser> users) {
        if (failing) {
            throw new IllegalStateException(SQL_FAILURE);
        }
        delegate.saveAll(account, users);
    }

    @Override
    public long count(String account) {
        return delegate.count(account);
    }

    @Override
    public Page<WeChatUser> query(String account, FollowerQuery query) {
        return delegate.query(account, query);
    }

    @Override
    public boolean recordSubscription(String account, String openid, boolean subscribed, Instant at) {
        return delegate.recordSubscription(account, openid, subscribed, at);
    }

    @Override
    public int markUnsubscribedExcept(String account, Set<String> present) {
        return delegate.markUnsubscribedExcept(account, present);
    }
}
