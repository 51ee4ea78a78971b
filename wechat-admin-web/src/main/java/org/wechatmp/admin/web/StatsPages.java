package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;

/**
 * {@code /a/{account}/stats?from=&to=}: local charts from the database (followers gained and lost per day, messages
 * per day by type, top keywords and menu clicks, the busiest handlers), server-rendered SVG with tables. The
 * counters are kept by {@link StatsCounter}, subscribed to the callbacks here.
 */
final class StatsPages implements SectionPages {
    /** The longest range a page shows. */
    static final int MAX_DAYS = 366;
    private static final int TOP = 10;
    private StatsCounter counter;
    private AutoCloseable subscription;

    @Override
    public void start(Services s) {
        counter = new StatsCounter(s.storage().jdbi(), s.zone());
        subscription = s.events().subscribe(counter);
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            // unsubscribing a list entry does not fail
        }
        if (counter != null) {
            counter.close();
        }
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if (!rest.isEmpty()) {
            throw HttpError.notFound();
        }
        c.requireMethod("GET");
        AccountPages.need(c, account, Section.MESSAGES, Level.VIEW);
        ZoneId zone = c.s.zone();
        LocalDate today = LocalDate.now(c.s.clock().withZone(zone));
        StatsRange range = StatsRange.of(c, today.minusDays(29), today, LocalDate.of(2000, 1, 1), today.plusDays(1),
                MAX_DAYS);
        StatsQueries q = new StatsQueries(c.s.storage().jdbi());
        String a = account.name();
        List<LocalDate> days = range.days();
        Msg m = c.msg;
        List<Chart> charts = new ArrayList<>();
        charts.add(ChartSvg.daily("chart-followers", m.t("stats.followers"), m.t("stats.day"), days, List.of(
                new ChartSvg.Series(m.t("stats.gained"), q.followed(a, range.from(), range.to(), zone)),
                new ChartSvg.Series(m.t("stats.lost"), q.perDay(a, StatsCounter.UNSUB, range.from(), range.to()))),
                false));
        Map<String, Map<LocalDate, Long>> byType = new TreeMap<>(q.perDayAndItem(a, StatsCounter.MSG, range.from(),
                range.to()));
        List<ChartSvg.Series> types = new ArrayList<>();
        byType.forEach((type, values) -> types.add(new ChartSvg.Series(typeLabel(m, type), values)));
        charts.add(ChartSvg.daily("chart-messages", m.t("stats.messages"), m.t("stats.day"), days, types, true));
        charts.add(ChartSvg.ranking("chart-keywords", m.t("stats.keywords"), m.t("stats.keyword"), m.t("stats.count"),
                q.top(a, StatsCounter.KEYWORD, range.from(), range.to(), TOP)));
        charts.add(ChartSvg.ranking("chart-clicks", m.t("stats.clicks"), m.t("stats.menukey"), m.t("stats.count"),
                q.top(a, StatsCounter.CLICK, range.from(), range.to(), TOP)));
        charts.add(ChartSvg.ranking("chart-handlers", m.t("stats.handlers"), m.t("stats.handler"), m.t("stats.count"),
                q.top(a, StatsLogReader.KIND, range.from(), range.to(), TOP)));
        c.render("stats_page", range.error() == null ? 200 : 400, "stats.title", "account", a, "from",
                range.from().toString(), "to", range.to().toString(), "zone", zone.getId(), "error",
                range.error() == null ? null : m.t(range.error(), MAX_DAYS), "charts", charts);
    }

    private static String typeLabel(Msg m, String type) {
        String key = "stats.type." + type;
        String label = m.t(key);
        return label.equals(key) ? type : label;
    }
}
