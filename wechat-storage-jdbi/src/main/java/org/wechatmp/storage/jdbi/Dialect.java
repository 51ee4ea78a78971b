package org.wechatmp.storage.jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;

/**
 * What the read queries write differently per vendor: case-insensitive LIKE and where NULL sorts. Everywhere a
 * missing value sorts as the lowest (first ascending, last descending): the default of H2 and MySQL/MariaDB, and
 * spelled out for PostgreSQL, whose sort indexes are built {@code NULLS FIRST} to match (V3).
 */
final class Dialect {
    private final String vendor;

    Dialect(String vendor) {
        this.vendor = vendor;
    }

    /** The placeholders of the query-index migration (V3) for a vendor. */
    static Map<String, String> placeholders(String vendor) {
        Map<String, String> p = new HashMap<>();
        boolean mysql = "mysql".equals(vendor);
        p.put("alter_column", mysql ? "MODIFY" : "ALTER COLUMN");
        p.put("set_type", mysql ? "" : "SET DATA TYPE");
        p.put("not_null", mysql ? "NOT NULL" : "");
        p.put("nulls_low", "postgresql".equals(vendor) ? "NULLS FIRST" : "");
        // the list indexes of wx_user lead with the account, as the primary key (account, openid) does. On a fresh,
        // never-analysed table PostgreSQL's generic plan may pick either for a per-follower statement
        // (account = ? AND openid = ?), and a list index then reads every follower of the account each time. So on
        // PostgreSQL they are partial on openid <> '', which every list query states and which a per-follower
        // statement cannot imply: those always take the primary key, whatever the statistics.
        p.put("list_index", "postgresql".equals(vendor) ? " WHERE openid <> ''" : "");
        p.put("pg_trgm", "postgresql".equals(vendor) ? PG_TRGM : "");
        p.put("binary_keys", mysql ? BINARY_KEYS : "SELECT 1;");
        p.put("short_grams", "postgresql".equals(vendor) ? SHORT_GRAMS : "SELECT 1;");
        return p;
    }

    /** MariaDB/MySQL (V12): exact, case-sensitive comparison of WeChat's identifiers. */
    private static final String BINARY_KEYS = String.join("\n",
            "ALTER TABLE wx_user MODIFY openid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;",
            "ALTER TABLE wx_user MODIFY unionid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;",
            "ALTER TABLE wx_user_tag MODIFY openid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;",
            "ALTER TABLE wx_message_log MODIFY openid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;",
            "ALTER TABLE wx_material MODIFY media_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;",
            "ALTER TABLE wx_article MODIFY media_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;",
            "ALTER TABLE wx_template MODIFY template_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                    + "NOT NULL;",
            "ALTER TABLE wx_qr_follower MODIFY openid VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;");

    /**
     * On PostgreSQL (V13): a search of one or two characters, too short for a trigram, is found through an index of
     * every one- and two-character piece of a follower's nickname and remark (lower case). {@link #SHORT_GRAMS_OF}
     * is the indexed expression, which a query must spell exactly; the search's own {@code ILIKE} still decides.
     */
    private static final String SHORT_GRAMS = """
            CREATE FUNCTION wx_short_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
                    SELECT substr(lower(t), i, 1) AS g FROM generate_series(1, char_length(t)) AS i
                    UNION ALL
                    SELECT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i) pieces
            $$;
            CREATE INDEX wx_user_short_grams ON wx_user USING gin
                (wx_short_grams(coalesce(nickname, '') || ' ' || coalesce(remark, '')));
            """;

    /** The expression {@code wx_user_short_grams} indexes, for a follower row aliased {@code w}. */
    static final String SHORT_GRAMS_OF = "wx_short_grams(coalesce(w.nickname, '') || ' ' || coalesce(w.remark, ''))";

    /**
     * On PostgreSQL: trigram indexes for "contains" search on nickname and remark, when the pg_trgm extension can be
     * created (it needs the CREATE privilege on the database; without it the search still works, by scanning).
     */
    private static final String PG_TRGM = """
            DO $$
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'pg_trgm is not available, follower search will scan: %', SQLERRM;
            END $$;
            DO $$
            DECLARE
                ext_schema text;
            BEGIN
                -- the extension may live in another schema than this one: name its operator class with it
                SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                    WHERE e.extname = 'pg_trgm';
                IF ext_schema IS NOT NULL THEN
                    EXECUTE format('CREATE INDEX wx_user_nickname_trgm ON wx_user USING gin (nickname %I.gin_trgm_ops)',
                        ext_schema);
                    EXECUTE format('CREATE INDEX wx_user_remark_trgm ON wx_user USING gin (remark %I.gin_trgm_ops)',
                        ext_schema);
                END IF;
            END $$;
            """;

    /**
     * The table {@code wx_user} named for a statement that finds one follower by the primary key (account, openid).
     * MariaDB may otherwise pick a list index that leads with the account too, on a table whose statistics say it
     * holds a row or none (a new installation's first sync): a range over all of the account's followers for each
     * update. A fresh-table test caught it choosing {@code wx_user_time} so. The hint makes the primary key certain;
     * PostgreSQL's list indexes are partial for the same reason, and H2 takes the primary key.
     */
    String userByKey() {
        return "mysql".equals(vendor) ? "wx_user FORCE INDEX (PRIMARY)" : "wx_user";
    }

    /** Whether the database is PostgreSQL. */
    boolean postgres() {
        return "postgresql".equals(vendor);
    }

    /** Case-insensitive LIKE ({@code ILIKE} on H2 and PostgreSQL; MySQL's default collations ignore case). */
    String ilike() {
        return "mysql".equals(vendor) ? "LIKE" : "ILIKE";
    }

    /**
     * Whether a "contains" search should filter before it sorts: on PostgreSQL, text shorter than a trigram (3
     * characters) cannot use the trigram index, and walking an order index while filtering reads every row when the
     * matches sort last; filtering first costs one scan, whatever the order ({@code OFFSET 0} keeps the planner
     * from merging the two steps).
     */
    boolean filterFirst(String text) {
        return "postgresql".equals(vendor) && text.codePointCount(0, text.length()) < 3;
    }

    /** An ORDER BY term with a missing value lowest. */
    String order(String column, boolean desc) {
        String dir = desc ? " DESC" : " ASC";
        if ("mysql".equals(vendor)) {
            return column + dir;
        }
        return column + dir + (desc ? " NULLS LAST" : " NULLS FIRST");
    }

    /** A LIKE pattern for "contains", escaped with {@code !}. */
    static String containsPattern(String text) {
        StringBuilder b = new StringBuilder("%");
        for (char c : text.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                b.append('!');
            }
            b.append(c);
        }
        return b.append('%').toString();
    }

    /**
     * Counts the rows of a query up to a limit: {@code SELECT COUNT(*)} over the query cut at limit + 1 rows, so
     * the cost is bounded by the limit however many rows match.
     *
     * @param h the handle
     * @param fromWhere the {@code FROM ... WHERE ...} of the query
     * @param params its parameters
     * @param countLimit the limit ({@code Integer.MAX_VALUE}: count exactly)
     * @return the count, at most limit + 1
     */
    static long countUpTo(Handle h, String fromWhere, Map<String, Object> params, int countLimit) {
        String sql = countLimit == Integer.MAX_VALUE ? "SELECT COUNT(*) " + fromWhere
                : "SELECT COUNT(*) FROM (SELECT 1 AS one " + fromWhere + " LIMIT " + (countLimit + 1L) + ") c";
        return h.createQuery(sql).bindMap(params).mapTo(Long.class).one();
    }

    /**
     * A page from rows read with limit + 1, counting only when the rows do not tell the total already.
     *
     * @param rows up to limit + 1 rows
     * @param r the request
     * @param count counts up to the request's count limit
     * @param cursor the next-page cursor of a row, or {@code null} for offset paging
     * @param <T> the row type
     * @return the page
     */
    static <T> Page<T> page(List<T> rows, PageRequest r, LongSupplier count, Function<T, String> cursor) {
        long total;
        if (r.countLimit() == 0) {
            total = -1;
        } else if (r.cursor() == null && rows.size() <= r.limit() && (!rows.isEmpty() || r.offset() == 0)) {
            total = (long) r.offset() + rows.size(); // the last page: the total is known
        } else {
            total = count.getAsLong();
        }
        return Page.of(rows, r, total, cursor);
    }
}
