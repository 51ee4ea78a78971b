package org.wechatmp.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.client.WeChatClient;

/**
 * Renews every account's access token and JS-SDK ticket while the window before expiry is open, on a daemon thread,
 * so callers (whose margin is five minutes) never wait. Only credentials already in the store are renewed (an
 * account that never called the API stays untouched), and each renewal goes through the store's lease, so with a
 * shared store one node renews.
 */
final class ProactiveTokenRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("wechat.token.refresher");

    private final AccountRegistry accounts;
    private final Function<Account, WeChatClient> clients;
    private final Duration window;
    private final ScheduledExecutorService scheduler;

    ProactiveTokenRefresher(AccountRegistry accounts, Function<Account, WeChatClient> clients, Duration window,
            Duration period, boolean start) {
        this.accounts = accounts;
        this.clients = clients;
        this.window = window;
        if (start) {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wechat-token-refresher");
                t.setDaemon(true);
                return t;
            });
            long p = Math.max(1, period.toMillis());
            scheduler.scheduleWithFixedDelay(this::runQuietly, p, p, TimeUnit.MILLISECONDS);
        } else {
            this.scheduler = null;
        }
    }

    private void runQuietly() {
        try {
            refreshDue();
        } catch (RuntimeException e) {
            LOG.warn("token refresh round failed: {}", e.getMessage());
        }
    }

    /** One round over every account with a secret; returns how many credentials were fetched. */
    int refreshDue() {
        int fetched = 0;
        for (Account account : accounts.all()) {
            if (account.secret().isEmpty() && account.option("token_url") == null) {
                continue;
            }
            try {
                fetched += clients.apply(account).refreshAhead(window);
            } catch (RuntimeException e) {
                LOG.warn("could not renew the token of {} ahead of expiry (callers will refresh it): {}",
                        account.name(), e.getMessage());
            }
        }
        return fetched;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
