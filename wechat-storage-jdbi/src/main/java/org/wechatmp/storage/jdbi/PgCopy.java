package org.wechatmp.storage.jdbi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} for whole rows of text, in CSV form: the cheapest way to load a batch
 * (one statement, no per-row planning or binding). Only touched on PostgreSQL, so the driver stays optional.
 */
final class PgCopy {
    private PgCopy() {
    }

    /**
     * Copies rows into a table on a connection, inside the caller's transaction.
     *
     * @param c the connection (a pool's proxy is unwrapped)
     * @param table the table and its column list, e.g. {@code t (a, b)}
     * @param rows the rows; a {@code null} value is SQL NULL
     * @return the rows copied
     * @throws IllegalStateException with the {@link SQLException} as its cause, when the server refuses a row
     *     (then none are stored)
     */
    static long copy(Connection c, String table, List<Object[]> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object v = row[i];
                if (v == null) {
                    continue; // unquoted empty: NULL
                }
                String s = v.toString();
                // whole values at once (a quote is doubled): the XML of a message is hundreds of characters
                csv.append('"').append(s.indexOf('"') < 0 ? s : s.replace("\"", "\"\"")).append('"');
            }
            csv.append('\n');
        }
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
