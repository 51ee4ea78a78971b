package org.wechatmp.admin.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The aggregate queries of the statistics and QR pages. Counters come from {@code wx_stat_day} (a few rows per day
 * and kind), follows per day from {@code wx_user} on its (account, subscribe time) index, followers acquired on
 * {@code wx_user (account, qr_scene_str)} and {@code wx_qr_follower}'s key; none reads the message log
 * (docs/query-plans-stats.md).
 */
final class StatsQueries {
    private static final long DAY_MS = 86_400_000L;

    /** An item and its count. */
    record Count(String item, long n) {
    }

    private final Jdbi jdbi;

    StatsQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Follows per day from the followers' subscribe time (the latest follow of each follower). */
    Map<LocalDate, Long> followed(String account, LocalDate from, LocalDate to, ZoneId zone) {
        long start = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long offset = zone.getRules().getOffset(from.atStartOfDay(zone).toInstant()).getTotalSeconds() * 1000L;
        // the offset is a number computed here, written into the statement so the GROUP BY matches the SELECT
        String day = "FLOOR((subscribe_time + " + offset + ") / " + DAY_MS + ")";
        Map<LocalDate, Long> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + day + " AS d, COUNT(*) AS n FROM wx_user WHERE account = :a "
                + "AND openid <> '' AND subscribe_time >= :s AND subscribe_time < :e GROUP BY " + day)
                .bind("a", account).bind("s", start).bind("e", end)
                .map((rs, ctx) -> Map.entry(LocalDate.ofEpochDay(rs.getLong("d")), rs.getLong("n")))
                .forEach(e -> out.merge(e.getKey(), e.getValue(), Long::sum)));
        return out;
    }

    /** Counter sums per day of one kind (all items together). */
    Map<LocalDate, Long> perDay(String account, String kind, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT stat_day, SUM(hits) AS n FROM wx_stat_day WHERE account = :a AND "
                + "kind = :k AND stat_day >= :f AND stat_day <= :t GROUP BY stat_day").bind("a", account)
                .bind("k", kind).bind("f", (int) from.toEpochDay()).bind("t", (int) to.toEpochDay())
                .map((rs, ctx) -> Map.entry(LocalDate.ofEpochDay(rs.getInt("stat_day")), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Counter sums per day and item of one kind: item → day → count. */
    Map<String, Map<LocalDate, Long>> perDayAndItem(String account, String kind, LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, Long>> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT stat_day, item, SUM(hits) AS n FROM wx_stat_day WHERE account = :a "
                + "AND kind = :k AND stat_day >= :f AND stat_day <= :t GROUP BY stat_day, item").bind("a", account)
                .bind("k", kind).bind("f", (int) from.toEpochDay()).bind("t", (int) to.toEpochDay())
                .map((rs, ctx) -> new Object[] {rs.getString("item"), LocalDate.ofEpochDay(rs.getInt("stat_day")),
                    rs.getLong("n")})
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((LocalDate) r[1],
                        (Long) r[2])));
        return out;
    }

    /** The most counted items of one kind in a day range. */
    List<Count> top(String account, String kind, LocalDate from, LocalDate to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT item, SUM(hits) AS n FROM wx_stat_day WHERE account = :a "
                + "AND kind = :k AND stat_day >= :f AND stat_day <= :t GROUP BY item ORDER BY SUM(hits) DESC, item "
                + "LIMIT " + limit).bind("a", account).bind("k", kind).bind("f", (int) from.toEpochDay())
                .bind("t", (int) to.toEpochDay()).map((rs, ctx) -> new Count(rs.getString("item"), rs.getLong("n")))
                .list());
    }

    /** Scans per QR scene (all time). */
    Map<String, Long> scans(String account, Collection<String> scenes) {
        return sums(account, StatsCounter.SCAN, scenes);
    }

    private Map<String, Long> sums(String account, String kind, Collection<String> scenes) {
        Map<String, Long> out = new HashMap<>();
        if (scenes.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT item, SUM(hits) AS n FROM wx_stat_day WHERE account = :a AND "
                + "kind = :k AND item IN (<scenes>) GROUP BY item").bind("a", account).bind("k", kind)
                .bindList("scenes", new ArrayList<>(scenes))
                .map((rs, ctx) -> Map.entry(rs.getString("item"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * Followers acquired per QR scene: each follower once, whether known from a sync ({@code qr_scene_str}) or from a
     * follow through the code seen by the callback.
     */
    Map<String, Long> acquired(String account, Collection<String> scenes) {
        Map<String, Long> out = new HashMap<>();
        if (scenes.isEmpty()) {
            return out;
        }
        List<String> list = new ArrayList<>(scenes);
        // synced followers of the scene, plus those seen following through it that the sync does not know so
        // (an anti-join on the primary key: cheaper than a UNION's de-duplication of every pair)
        jdbi.useHandle(h -> h.createQuery("SELECT scene, COUNT(*) AS n FROM (SELECT qr_scene_str AS scene FROM wx_user "
                + "WHERE account = :a AND openid <> '' AND qr_scene_str IN (<scenes>) UNION ALL SELECT f.scene FROM "
                + "wx_qr_follower f "
                + "WHERE f.account = :a AND f.scene IN (<scenes>) AND NOT EXISTS (SELECT 1 FROM wx_user w WHERE "
                + "w.account = f.account AND w.openid = f.openid AND w.qr_scene_str = f.scene)) u GROUP BY scene")
                .bind("a", account)
                .bindList("scenes", list)
                .map((rs, ctx) -> Map.entry(rs.getString("scene"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }
}
