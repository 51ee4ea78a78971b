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

    static Long millis(java.time.Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static java.time.Instant instant(Long millis) {
        return millis == null ? null : java.time.Instant.ofEpochMilli(millis);
    }
}
