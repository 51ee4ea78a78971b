package org.wechatmp.admin.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Adds the handlers that answered to the day counters (kind {@value #KIND}) from the message log, which alone knows
 * them: each run reads the lines after the saved cursor in id order (the primary key), at most {@value #BATCH} at a
 * time, and moves the cursor in the same transaction with a compare-and-set, so two admin nodes never count a line
 * twice. The first run reads the whole log once, in batches (history included).
 */
final class StatsLogReader {
    static final String KIND = "handler";
    static final String CURSOR = "handlers";
    static final int BATCH = 10_000;

    private record Line(long id, String account, long createdAt, String direction, String handler) {
    }

    private final Jdbi jdbi;
    private final ZoneId zone;

    StatsLogReader(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    /**
     * Reads the log up to its end or for about a second.
     *
     * @return the lines read
     */
    int catchUp() {
        long until = System.nanoTime() + 1_000_000_000L;
        int total = 0;
        int read;
        do {
            read = batch();
            total += read;
        } while (read == BATCH && System.nanoTime() < until);
        return total;
    }

    /** One batch in one transaction; 0 when another node moved the cursor first (its batch counts). */
    int batch() {
        return jdbi.inTransaction(h -> {
            Long last = h.createQuery("SELECT last_id FROM wx_stat_cursor WHERE name = :n").bind("n", CURSOR)
                    .mapTo(Long.class).findOne().orElse(null);
            if (last == null) {
                h.createUpdate("INSERT INTO wx_stat_cursor (name, last_id) VALUES (:n, 0)").bind("n", CURSOR).execute();
                last = 0L;
            }
            List<Line> lines = h.createQuery("SELECT id, account, created_at, direction, handler FROM wx_message_log "
                    + "WHERE id > :last ORDER BY id LIMIT " + BATCH).bind("last", last)
                    .map((rs, ctx) -> new Line(rs.getLong("id"), rs.getString("account"), rs.getLong("created_at"),
                            rs.getString("direction"), rs.getString("handler"))).list();
            if (lines.isEmpty()) {
                return 0;
            }
            Map<List<Object>, Long> sums = new HashMap<>();
            for (Line l : lines) {
                if ("IN".equals(l.direction()) && l.handler() != null && !l.handler().isEmpty()) {
                    int day = (int) LocalDate.ofInstant(Instant.ofEpochMilli(l.createdAt()), zone).toEpochDay();
                    sums.merge(List.of(l.account(), day, StatsCounter.cut(l.handler(), 64)), 1L, Long::sum);
                }
            }
            int moved = h.createUpdate("UPDATE wx_stat_cursor SET last_id = :id WHERE name = :n AND last_id = :last")
                    .bind("id", lines.get(lines.size() - 1).id()).bind("n", CURSOR).bind("last", last).execute();
            if (moved == 0) {
                return 0; // nothing written: another node took this batch
            }
            for (Map.Entry<List<Object>, Long> e : sums.entrySet()) {
                List<Object> k = e.getKey();
                StatsCounter.add(h, (String) k.get(0), KIND, (Integer) k.get(1), (String) k.get(2), e.getValue());
            }
            return lines.size();
        });
    }
}
