package org.wechatmp.admin.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.StoredToken;

/**
 * {@code /}: the accounts the user may see, with follower count, last callback, token status, last sync and the core
 * metrics' figures (callbacks answered and refused, API errors, token fetches).
 */
final class DashboardPage {

    static DashboardRow.Figures figures(MeterRegistry registry, String account) {
        long answered = registry.find("wechat.callback.answered").tag("account", account).timers().stream()
                .mapToLong(Timer::count).sum();
        double refused = registry.find("wechat.callback.refused").tag("account", account).counters().stream()
                .mapToDouble(Counter::count).sum();
        long apiErrors = registry.find("wechat.api.calls").tag("account", account).timers().stream()
                .filter(t -> !"0".equals(t.getId().getTag("errcode"))).mapToLong(Timer::count).sum();
        double failures = registry.find("wechat.api.failures").tag("account", account).counters().stream()
                .mapToDouble(Counter::count).sum();
        long tokens = registry.find("wechat.token.fetch").tag("account", account).timers().stream()
                .mapToLong(Timer::count).sum();
        return new DashboardRow.Figures(answered, (long) refused, apiErrors + (long) failures, tokens);
    }

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
            List<org.wechatmp.core.jobs.JobRun> recent = c.s.runtime().jobs().recent(a.name(), 1);
            rows.add(new DashboardRow(a, followers, last, status, expires, figures(c.s.registry(), a.name()),
                    recent.isEmpty() ? null : recent.get(0)));
        }
        c.render("dashboard", 200, "dashboard.title", "rows", rows);
    }
}
