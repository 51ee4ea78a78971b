package org.wechatmp.storage.jdbi;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** SQL helpers shared by the repositories. */
final class Sql {
    private Sql() {
    }

    /** Whether a failure is a unique or primary key violation (SQLState class 23), on any vendor. */
    static boolean isDuplicate(RuntimeException e) {
        Throwable t = e instanceof UnableToExecuteStatementException ? e.getCause() : e;
        while (t != null) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * The vendor of a database product name: {@code h2}, {@code postgresql} or {@code mysql} (MySQL and MariaDB),
     * or {@code null} when unsupported.
     */
    static String vendor(String productName) {
        String product = productName.toLowerCase(java.util.Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "mysql";
        }
        return null;
    }

    static Long millis(java.time.Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static java.time.Instant instant(Long millis) {
        return millis == null ? null : java.time.Instant.ofEpochMilli(millis);
    }

    /** The value cut to a column's size; {@code null} stays {@code null}. */
    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
