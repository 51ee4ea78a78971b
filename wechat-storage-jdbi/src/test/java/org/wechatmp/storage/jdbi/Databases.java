package org.wechatmp.storage.jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The databases tests run on: H2 always; PostgreSQL and MariaDB when {@code WECHAT_TEST_POSTGRES_URL} and
 * {@code WECHAT_TEST_MARIADB_URL} are set. With {@code CI=true} a missing one fails the run instead of skipping.
 */
final class Databases {
    static final String POSTGRES = "WECHAT_TEST_POSTGRES_URL";
    static final String MARIADB = "WECHAT_TEST_MARIADB_URL";
    static final String[] TABLES = {"wx_account", "wx_token", "wx_dedupe", "wx_nonce", "wx_user", "wx_tag",
        "wx_user_tag", "wx_menu", "wx_handler", "wx_rule", "wx_reply", "wx_handler_version", "wx_material",
        "wx_article", "wx_message_log", "wx_template", "wx_sync_state", "wx_menu_published"};

    private Databases() {
    }

    /** A named JDBC URL. */
    record Db(String name, String url) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Db> all() {
        List<Db> out = new ArrayList<>();
        out.add(new Db("h2", "jdbc:h2:mem:wechat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        for (String[] v : new String[][] {{"postgresql", POSTGRES}, {"mariadb", MARIADB}}) {
            String url = System.getenv(v[1]);
            if (url != null && !url.isBlank()) {
                out.add(new Db(v[0], url));
            } else if (ci) {
                throw new IllegalStateException(v[1] + " is not set, and under CI=true " + v[0] + " tests must run");
            } else {
                System.err.println("skipping " + v[0] + " storage tests: set " + v[1] + " to run them");
            }
        }
        return out;
    }

    /** A migrated storage with every table emptied. */
    static JdbiStorage fresh(Db db) {
        JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(8).build();
        wipe(s.jdbi());
        return s;
    }

    static void wipe(Jdbi jdbi) {
        jdbi.useHandle(h -> {
            for (String t : TABLES) {
                h.execute("DELETE FROM " + t);
            }
        });
    }
}
