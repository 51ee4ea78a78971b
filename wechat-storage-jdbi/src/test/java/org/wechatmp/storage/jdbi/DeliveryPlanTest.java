package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the dedupe store's batched finish and its expiry sweep keep to the indexes when the tables grow after
 * the statements were first planned. Before the fix a connection planned them once, on the new, small tables, and
 * kept that plan: every finish batch then scanned all of {@code wx_dedupe} and every sweep all of both tables, which
 * in the load benchmark grew to most of the database's CPU per delivery (77 million rows read in 2,880 scans). The
 * connections here force generic plans and server-side preparation at once, as a long-lived pool reaches them, on a
 * new schema whose tables were never analysed; rows read by scans are counted from {@code pg_stat_user_tables} once the
 * connections have ended (a backend reports its counts when it exits).
 */
class DeliveryPlanTest {
    @Test
    void finishBatchesAndSweepsStayOnTheIndexesAsTheTablesGrow() {
        Databases.Db db = Databases.all().stream().filter(d -> d.name().equals("postgresql")).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(db != null, "PostgreSQL only; set WECHAT_TEST_POSTGRES_URL to run it");
        String schema = "delivery_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Jdbi admin = Jdbi.create(db.url());
        admin.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&prepareThreshold=1&options=-c%20plan_cache_mode%3Dforce_generic_plan";
        try {
            long exp = Instant.now().plusSeconds(600).toEpochMilli();
            try (JdbiStorage s = JdbiStorage.builder(url).poolSize(2).build();
                    HikariDataSource ds = new HikariDataSource()) {
                ds.setJdbcUrl(url);
                ds.setMaximumPoolSize(1);
                JdbiDeliveryStore d = new JdbiDeliveryStore(s.jdbi(), ds, Clock.systemUTC(), s.vendor());
                // the small tables: each statement planned (and kept) on its connection
                for (int round = 0; round < 6; round++) {
                    finishBatch(d, "small" + round + "-", 5);
                    d.sweepNow();
                }
                // the tables grow: 20,000 claims, and as many nonces
                s.jdbi().useHandle(h -> {
                    h.createUpdate("INSERT INTO wx_dedupe (msg_key, state, expires_at) SELECT 'grown' || g, "
                            + "'IN_PROGRESS', :e FROM generate_series(1, 20000) g").bind("e", exp).execute();
                    h.createUpdate("INSERT INTO wx_nonce (account, nonce, expires_at) SELECT 'a', 'n' || g, :e "
                            + "FROM generate_series(1, 20000) g").bind("e", exp).execute();
                });
                for (int round = 0; round < 20; round++) {
                    finishBatch(d, "big" + round + "-", 40);
                    d.sweepNow();
                }
                assertThat(d.get("big19-39")).contains(new org.wechatmp.core.callback.Deduplicator.Status(
                        org.wechatmp.core.callback.Deduplicator.State.DONE, "<xml>39</xml>"));
                d.close();
                s.close();
                ds.close();
                // the connections have ended, so their counts are in. Scans of the small tables are the right plan
                // and read a few rows each; one scan after the growth would read 20,000 (before the fix the 20
                // batches and 20 sweeps after it read over 800,000)
                long read = rowsScanned(admin, schema, "wx_dedupe") + rowsScanned(admin, schema, "wx_nonce");
                assertThat(read).as("rows read by whole-table scans of wx_dedupe and wx_nonce").isLessThan(20_000);
            }
        } finally {
            admin.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
        }
    }

    /** Claims and finishes {@code n} keys, then writes the queued finishes as one batch. */
    private static void finishBatch(JdbiDeliveryStore d, String prefix, int n) {
        Instant exp = Instant.now().plusSeconds(600);
        for (int i = 0; i < n; i++) {
            d.begin(prefix + i, exp);
            d.finish(prefix + i, "<xml>" + i + "</xml>", exp);
        }
        d.writeUnwritten();
    }

    private static long rowsScanned(Jdbi admin, String schema, String table) {
        return admin.withHandle(h -> h.createQuery("SELECT COALESCE(seq_tup_read, 0) FROM pg_stat_user_tables WHERE "
                + "schemaname = :s AND relname = :t").bind("s", schema).bind("t", table).mapTo(Long.class).one());
    }
}
