package org.wechatmp.admin;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The databases the admin's store tests run on: a fresh in-memory H2 each time, and PostgreSQL and MariaDB when
 * {@code WECHAT_TEST_POSTGRES_URL} / {@code WECHAT_TEST_MARIADB_URL} are set. {@link #open} gives the storage
 * (migrated) with the admin's own tables dropped and migrated again exactly as the war does ({@link AdminApp}), so
 * the tests of different sections never see each other's admin tables or history.
 */
public final class AdminTestDatabases {
    private AdminTestDatabases() {
    }

    /**
     * The URLs to run on.
     *
     * @return a fresh H2 URL, then the configured servers'
     */
    public static List<String> urls() {
        List<String> out = new ArrayList<>();
        out.add("jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        for (String v : new String[] {"WECHAT_TEST_POSTGRES_URL", "WECHAT_TEST_MARIADB_URL"}) {
            String url = System.getenv(v);
            if (url != null && !url.isBlank()) {
                out.add(url);
            }
        }
        return out;
    }

    /**
     * Opens the storage on a URL, with the admin's tables fresh.
     *
     * @param url the JDBC URL
     * @param clock the storage's clock
     * @return the storage; close it
     */
    public static JdbiStorage open(String url, Clock clock) {
        JdbiStorage storage = JdbiStorage.builder(url).poolSize(4).clock(clock).build();
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            ds.setMaximumPoolSize(3); // Flyway holds two
            dropAdminTables(ds, storage.vendor());
            AdminApp.migrate(ds, storage.vendor());
        } catch (SQLException e) {
            storage.close();
            throw new IllegalStateException(e);
        }
        return storage;
    }

    private static void dropAdminTables(HikariDataSource ds, String vendor) throws SQLException {
        try (Connection c = ds.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (t.toLowerCase(java.util.Locale.ROOT).startsWith("wx_admin_")) {
                        tables.add(t);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                if ("mysql".equals(vendor)) {
                    st.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                for (String t : tables) {
                    st.execute("DROP TABLE IF EXISTS " + t + ("postgresql".equals(vendor) ? " CASCADE" : ""));
                }
                if ("mysql".equals(vendor)) {
                    st.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        }
    }
}
