package org.wechatmp.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat's statistics per account, call and day in {@code wx_admin_datacube}. A past day never changes, so it is
 * fetched once (a day without rows is kept too, as an empty object); today is never kept. Missing days are fetched in
 * runs of consecutive days, each run through the data cube API (which keeps every call within WeChat's span).
 */
final class DataCubeCache {
    private static final Logger LOG = LoggerFactory.getLogger(DataCubeCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int MAX_BODY = 12_000;

    /**
     * A day range's figures and where they came from.
     *
     * @param days day → figures (an empty map for a day without data)
     * @param cached days read from the cache
     * @param fetched days asked of WeChat now
     */
    record Result(Map<LocalDate, Map<String, Object>> days, int cached, int fetched) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    DataCubeCache(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * The figures of a range, from the cache where known and from WeChat for the rest.
     *
     * @param account the account
     * @param call the cache's name of the call (e.g. {@code usersummary})
     * @param from the first day
     * @param to the last day (at most today)
     * @param today today in the account's statistics zone (never cached)
     * @param fetch asks WeChat for an inclusive range: day → figures (days without data may be absent)
     * @return the figures
     */
    Result get(String account, String call, LocalDate from, LocalDate to, LocalDate today,
            BiFunction<LocalDate, LocalDate, Map<LocalDate, Map<String, Object>>> fetch) {
        Map<LocalDate, Map<String, Object>> out = new LinkedHashMap<>(read(account, call, from, to));
        out.remove(today);
        int cached = out.size();
        List<LocalDate[]> runs = new ArrayList<>();
        LocalDate start = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            boolean missing = !out.containsKey(d);
            if (missing && start == null) {
                start = d;
            }
            if (!missing && start != null) {
                runs.add(new LocalDate[] {start, d.minusDays(1)});
                start = null;
            }
        }
        if (start != null) {
            runs.add(new LocalDate[] {start, to});
        }
        int fetched = 0;
        for (LocalDate[] run : runs) {
            Map<LocalDate, Map<String, Object>> got = fetch.apply(run[0], run[1]);
            for (LocalDate d = run[0]; !d.isAfter(run[1]); d = d.plusDays(1)) {
                Map<String, Object> figures = got.getOrDefault(d, Map.of());
                out.put(d, figures);
                fetched++;
                if (d.isBefore(today)) {
                    write(account, call, d, figures);
                }
            }
        }
        Map<LocalDate, Map<String, Object>> ordered = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ordered.put(d, out.getOrDefault(d, Map.of()));
        }
        return new Result(ordered, cached, fetched);
    }

    private Map<LocalDate, Map<String, Object>> read(String account, String call, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Object>> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT ref_date, body FROM wx_admin_datacube WHERE account = :a AND "
                + "report = :r AND ref_date >= :f AND ref_date <= :t").bind("a", account).bind("r", call)
                .bind("f", from.toString()).bind("t", to.toString())
                .map((rs, ctx) -> Map.entry(rs.getString("ref_date"), rs.getString("body")))
                .forEach(e -> {
                    try {
                        out.put(LocalDate.parse(e.getKey()), JSON.readValue(e.getValue(), MAP));
                    } catch (JsonProcessingException | RuntimeException x) {
                        LOG.warn("unreadable data cube cache row {} {} {}: fetched again", account, call, e.getKey());
                    }
                }));
        return out;
    }

    private void write(String account, String call, LocalDate day, Map<String, Object> figures) {
        String body;
        try {
            body = JSON.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            return;
        }
        if (body.length() > MAX_BODY) {
            return; // too large to keep: asked again next time
        }
        try {
            jdbi.useHandle(h -> {
                h.createUpdate("DELETE FROM wx_admin_datacube WHERE account = :a AND report = :r AND ref_date = :d")
                        .bind("a", account).bind("r", call).bind("d", day.toString()).execute();
                h.createUpdate("INSERT INTO wx_admin_datacube (account, report, ref_date, body, fetched_at) VALUES "
                        + "(:a, :r, :d, :b, :t)").bind("a", account).bind("r", call).bind("d", day.toString())
                        .bind("b", body).bind("t", clock.millis()).execute();
            });
        } catch (RuntimeException e) {
            // two views fetching the same day at once: the other one kept it
            LOG.debug("data cube cache row {} {} {} not written: {}", account, call, day, e.getMessage());
        }
    }
}
