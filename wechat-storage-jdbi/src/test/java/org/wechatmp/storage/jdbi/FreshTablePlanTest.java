package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.spi.WeChatUser;

/**
 * The per-follower statements find their row through the primary key (account, openid) on a new, never-analysed
 * table, the state the first follower sync of an installation starts in. On PostgreSQL the plan is forced generic
 * (as the JDBC driver's server-prepared statements use it), so nothing depends on table statistics: before the
 * fix PostgreSQL chose the (account, unionid) index and read every follower of the account for each update.
 */
class FreshTablePlanTest {
    /** As the repository writes them ({@code wx_user} is {@link Dialect#userByKey()}: a hint on MariaDB). */
    static final String UPDATE = "UPDATE %s SET subscribed = FALSE WHERE account = %s AND openid = %s";
    static final String SELECT = "SELECT * FROM %s WHERE account = %s AND openid = %s";

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void perFollowerStatementsUseThePrimaryKeyOnAFreshTable(Databases.Db db) {
        if (db.name().equals("postgresql")) {
            onAFreshPostgresSchema(db);
            return;
        }
        try (JdbiStorage s = Databases.fresh(db)) {
            assertPlans(s);
        }
    }

    private static void onAFreshPostgresSchema(Databases.Db db) {
        String schema = "storage_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Jdbi admin = Jdbi.create(db.url());
        admin.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        try (JdbiStorage s = JdbiStorage.builder(db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema="
                + schema).poolSize(2).build()) {
            long analysed = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_stat_user_tables WHERE "
                    + "schemaname = :s AND relname = 'wx_user' AND (last_analyze IS NOT NULL OR last_autoanalyze IS "
                    + "NOT NULL)").bind("s", schema).mapTo(Long.class).one());
            assertThat(analysed).as("the table is new and was never analysed").isZero();
            assertPlans(s);
        } finally {
            admin.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
        }
    }

    private static void assertPlans(JdbiStorage s) {
        // on the empty table, as the first sync starts, and again with followers in it
        assertUsesThePrimaryKey(s);
        Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
        List<WeChatUser> users = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            users.add(new WeChatUser("o" + i, "u" + i, "n" + i, null, 1, "zh_CN", null, null, null, true, now, null,
                    0, null, null, null, List.of(), now, now));
        }
        s.users().saveAll("demo", users);
        assertThat(s.users().count("demo")).isEqualTo(1_000);
        assertUsesThePrimaryKey(s);
    }

    private static void assertUsesThePrimaryKey(JdbiStorage s) {
        s.jdbi().useHandle(h -> {
            for (String statement : List.of(UPDATE, SELECT)) {
                String plan = plan(h, s.vendor(), statement.formatted(new Dialect(s.vendor()).userByKey(), "%s", "%s"))
                        .toLowerCase(Locale.ROOT);
                assertThat(plan).as(statement + "\n" + plan).doesNotContain("wx_user_unionid");
                switch (s.vendor()) {
                    case "postgresql" -> assertThat(plan).contains("wx_user_pkey").contains("openid");
                    // a const (unique key) lookup; on a missing row MariaDB says so instead of naming the key
                    case "mysql" -> assertThat(plan).containsAnyOf("key=primary", "const tables");
                    default -> assertThat(plan).contains("primary_key");
                }
            }
        });
    }

    private static String plan(Handle h, String vendor, String statement) {
        if (vendor.equals("postgresql")) {
            h.execute("SET plan_cache_mode = force_generic_plan");
            h.execute("PREPARE plan_probe(varchar, varchar) AS " + statement.formatted("$1", "$2"));
            try {
                return String.join("\n", h.createQuery("EXPLAIN EXECUTE plan_probe('demo', 'o1')")
                        .mapTo(String.class).list());
            } finally {
                h.execute("DEALLOCATE plan_probe");
                h.execute("RESET plan_cache_mode");
            }
        }
        String sql = "EXPLAIN " + statement.formatted("'demo'", "'o1'");
        return String.join("\n", h.createQuery(sql).map((rs, ctx) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getMetaData().getColumnLabel(c)).append('=').append(rs.getString(c)).append(' ');
            }
            return row.toString();
        }).list());
    }
}
