package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.StoredToken;

/** {@code /}: the accounts the user may see, with follower count, last callback and token status. */
final class DashboardPage {

    void show(Ctx c) throws IOException {
        List<DashboardRow> rows = new ArrayList<>();
        Instant now = c.s.clock().instant();
        List<Account> accounts = c.s.runtime().accounts().all().stream().filter(a -> c.user.sees(a.name()))
                .sorted(Comparator.comparing(Account::name)).toList();
        for (Account a : accounts) {
            long followers = c.s.storage().users().count(a.name());
            Instant last = c.s.storage().jdbi().withHandle(h -> h.createQuery(
                    "SELECT MAX(created_at) FROM wx_message_log WHERE account = :a AND direction = 'IN'")
                    .bind("a", a.name()).mapTo(Long.class).list().stream().filter(java.util.Objects::nonNull)
                    .findFirst().map(Instant::ofEpochMilli).orElse(null));
            Optional<StoredToken> token = c.s.storage().tokens().get(a.appId() + ":access_token");
            Instant expires = token.map(StoredToken::expiresAt).orElse(null);
            String status = token.isEmpty() || token.get().value() == null ? "none"
                    : expires != null && expires.isAfter(now) ? "valid" : "expired";
            rows.add(new DashboardRow(a, followers, last, status, expires));
        }
        c.render("dashboard", 200, "dashboard.title", "rows", rows);
    }
}
