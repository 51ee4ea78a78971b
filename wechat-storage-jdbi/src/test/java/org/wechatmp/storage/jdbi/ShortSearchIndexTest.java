package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.WeChatUser;

/**
 * On PostgreSQL a one- or two-character follower search is answered through {@code wx_user_short_grams} (V13): the
 * expression the query spells is the one indexed, so the index can be used, and it finds what the search means.
 */
class ShortSearchIndexTest {
    @Test
    void aTwoCharacterSearchCanUseTheIndexOfShortPieces() {
        Databases.Db db = Databases.all().stream().filter(d -> d.name().equals("postgresql")).findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(db != null, "PostgreSQL only; set "
                + "WECHAT_TEST_POSTGRES_URL to run it");
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
            List<WeChatUser> users = new ArrayList<>();
            String[] names = {"张伟", "李张", "伟大", "Amy张", "王芳"};
            for (int i = 0; i < 500; i++) {
                users.add(new WeChatUser("o" + i, null, names[i % names.length] + i, null, 1, "zh_CN", null, null,
                        null, true, now.plusSeconds(i), null, 0, null, i % 50 == 1 ? "老张伟客户" : null, null,
                        List.of(), now, now));
            }
            s.users().saveAll("demo", users);
            String plan = s.jdbi().withHandle(h -> {
                h.execute("ANALYZE wx_user");
                h.execute("SET enable_seqscan = off");
                try {
                    // no account condition: only an index of the expression can serve the query
                    return String.join("\n", h.createQuery("EXPLAIN SELECT w.openid FROM wx_user w WHERE "
                            + Dialect.SHORT_GRAMS_OF + " @> ARRAY[lower('张伟')]::text[]")
                            .mapTo(String.class).list());
                } finally {
                    h.execute("RESET enable_seqscan");
                }
            });
            assertThat(plan).contains("wx_user_short_grams");
            var page = s.users().query("demo", FollowerQuery.builder().search("张伟").page(PageRequest.first(1_000))
                    .build());
            // the nicknames 张伟n (100), and the remark 老张伟客户 of ten others (李张n)
            assertThat(page.total()).isEqualTo(110);
            assertThat(s.users().query("demo", FollowerQuery.builder().search("y张").page(PageRequest.first(1_000))
                    .build()).total()).isEqualTo(100);
        }
    }

    /**
     * Once the driver prepares the search on the server the plan is generic: it must still take the index of short
     * pieces and no trigram index. (At 1,000,000 followers the generic plan of the earlier spelling, an ILIKE on the
     * plain columns, ANDed the trigram indexes, which return every row for a pattern this short: 0.3 s; a table this
     * small does not tempt the planner that way, AdminScaleBenchmark shows it.)
     */
    @Test
    void theGenericPlanOfAShortSearchTakesTheShortPiecesAndNoTrigramIndex() throws Exception {
        Databases.Db db = Databases.all().stream().filter(d -> d.name().equals("postgresql")).findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(db != null, "PostgreSQL only; set "
                + "WECHAT_TEST_POSTGRES_URL to run it");
        String generic = db.url() + (db.url().contains("?") ? "&" : "?")
                + "prepareThreshold=1&options=-c%20plan_cache_mode%3Dforce_generic_plan";
        try (JdbiStorage s = Databases.fresh(db); JdbiStorage g = JdbiStorage.builder(generic).poolSize(2).build()) {
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
            List<WeChatUser> users = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                users.add(new WeChatUser("o" + i, null, (i % 50 == 0 ? "张伟" : "李娜") + i, null, 1, "zh_CN", null,
                        null, null, true, now.plusSeconds(i), null, 0, null, null, null, List.of(), now, now));
            }
            s.users().saveAll("demo", users);
            s.jdbi().useHandle(h -> h.execute("ANALYZE wx_user"));
            java.util.Map<String, Long> before = indexScans(s);
            for (int i = 0; i < 4; i++) {
                assertThat(g.users().query("demo", FollowerQuery.builder().subscribed(true).search("张伟")
                        .page(PageRequest.first(20)).build()).total()).isEqualTo(100);
                // (4 queries: a page and its count, each prepared on the server with a generic plan)
            }
            java.util.Map<String, Long> after = before;
            long end = System.nanoTime() + 20_000_000_000L; // statistics reach the view within seconds
            while (after.get("wx_user_short_grams") <= before.get("wx_user_short_grams") && System.nanoTime() < end) {
                Thread.sleep(200);
                after = indexScans(s);
            }
            assertThat(after.get("wx_user_short_grams")).isGreaterThan(before.get("wx_user_short_grams"));
            assertThat(after.getOrDefault("wx_user_nickname_trgm", 0L))
                    .isEqualTo(before.getOrDefault("wx_user_nickname_trgm", 0L));
            assertThat(after.getOrDefault("wx_user_remark_trgm", 0L))
                    .isEqualTo(before.getOrDefault("wx_user_remark_trgm", 0L));
        }
    }

    private static java.util.Map<String, Long> indexScans(JdbiStorage s) {
        return s.jdbi().withHandle(h -> {
            java.util.Map<String, Long> scans = new java.util.HashMap<>();
            h.createQuery("SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relname = 'wx_user' AND "
                    + "schemaname = current_schema()").map((rs, ctx) -> scans.put(rs.getString(1), rs.getLong(2)))
                    .list();
            return scans;
        });
    }
}
