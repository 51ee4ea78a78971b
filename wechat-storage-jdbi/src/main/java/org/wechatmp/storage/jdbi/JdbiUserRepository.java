package org.wechatmp.storage.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Followers in {@code wx_user}; upserts go in batches, keeping local fields (note, first seen) of existing rows. An
 * upsert is one batched statement per chunk that finds the row by the primary key (account, openid) itself:
 * {@code INSERT ... ON CONFLICT} on PostgreSQL, {@code INSERT ... ON DUPLICATE KEY UPDATE} on MySQL/MariaDB,
 * {@code MERGE} on H2, so it costs the same on a fresh, never-analysed table as on an old one.
 */
final class JdbiUserRepository implements UserRepository {
    private static final int CHUNK = 500;
    private static final String COLUMNS = "account, openid, unionid, nickname, avatar, sex, language, city, province, "
            + "country, subscribed, subscribe_time, subscribe_scene, qr_scene, qr_scene_str, remark, note, tag_ids, "
            + "first_seen, synced_at";
    private static final String VALUES = ":account, :openid, :unionid, :nickname, :avatar, :sex, :language, :city, "
            + ":province, :country, :subscribed, :subscribeTime, :scene, :qrScene, :qrSceneStr, :remark, :note, "
            + ":tagIds, :firstSeen, :syncedAt";
    /** What a sync overwrites; {@code note} and {@code first_seen} are local and kept. */
    private static final List<String> SYNCED = List.of("unionid", "nickname", "avatar", "sex", "language", "city",
            "province", "country", "subscribed", "subscribe_time", "subscribe_scene", "qr_scene", "qr_scene_str",
            "remark", "tag_ids", "synced_at");
    private final Jdbi jdbi;
    private final Dialect dialect;
    private volatile String upsertSql;

    JdbiUserRepository(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public Optional<WeChatUser> find(String account, String openid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + dialect.userByKey()
                + " WHERE account = :a AND openid = :o")
                .bind("a", account).bind("o", openid).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public long count(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_user WHERE account = :a").bind("a", account)
                .mapTo(Long.class).one());
    }

    /**
     * Marks as unsubscribed every follower of an account not in the given set (after a full follower sync).
     *
     * @param account the account
     * @param present the openids WeChat still lists
     * @return how many were marked
     */
    @Override
    public int markUnsubscribedExcept(String account, Set<String> present) {
        List<String> subscribed = jdbi.withHandle(h -> h.createQuery("SELECT openid FROM wx_user WHERE account = :a "
                + "AND subscribed = TRUE").bind("a", account).mapTo(String.class).list());
        List<String> gone = subscribed.stream().filter(o -> !present.contains(o)).toList();
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("UPDATE " + dialect.userByKey()
                    + " SET subscribed = FALSE WHERE account = :a AND openid = :o");
            for (String o : gone) {
                b.bind("a", account).bind("o", o).add();
            }
            if (!gone.isEmpty()) {
                b.execute();
            }
        });
        return gone.size();
    }

    @Override
    public Page<WeChatUser> query(String account, FollowerQuery q) {
        Map<String, Object> params = new HashMap<>();
        // openid <> '' is always true; it lets PostgreSQL use the (partial) list indexes, see Dialect
        StringBuilder where = new StringBuilder("FROM wx_user w WHERE w.account = :a AND w.openid <> ''");
        params.put("a", account);
        if (q.subscribed() != null) {
            where.append(" AND w.subscribed = :sub");
            params.put("sub", q.subscribed());
        }
        if (q.tagId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM wx_user_tag t WHERE t.account = w.account AND t.openid = w.openid"
                    + " AND t.tag_id = :tag)");
            params.put("tag", q.tagId());
        }
        if (q.exactId() != null) {
            where.append(" AND (w.openid = :id OR w.unionid = :id)");
            params.put("id", q.exactId());
        }
        if (q.containsText() != null) {
            String like = dialect.ilike();
            params.put("text", Dialect.containsPattern(q.containsText()));
            if (dialect.filterFirst(q.containsText())) {
                // one or two characters (PostgreSQL): the index of short pieces finds the candidates and the ILIKE
                // decides; spelled on coalesce(...) so that no plan (a generic one, once the driver prepares it on
                // the server) asks the trigram indexes, which cannot narrow a pattern this short and return every row
                where.append(" AND (coalesce(w.nickname, '') ").append(like).append(" :text ESCAPE '!' OR ")
                        .append("coalesce(w.remark, '') ").append(like).append(" :text ESCAPE '!') AND ")
                        .append(Dialect.SHORT_GRAMS_OF).append(" @> ARRAY[lower(:gram)]::text[]");
                params.put("gram", q.containsText());
            } else {
                where.append(" AND (w.nickname ").append(like).append(" :text ESCAPE '!' OR w.remark ").append(like)
                        .append(" :text ESCAPE '!')");
            }
        }
        if (q.subscribedFrom() != null) {
            where.append(" AND w.subscribe_time >= :from");
            params.put("from", q.subscribedFrom().toEpochMilli());
        }
        if (q.subscribedBefore() != null) {
            where.append(" AND w.subscribe_time < :before");
            params.put("before", q.subscribedBefore().toEpochMilli());
        }
        if (q.scene() != null) {
            where.append(" AND w.subscribe_scene = :scene");
            params.put("scene", q.scene());
        }
        if (q.sex() != null) {
            where.append(" AND w.sex = :sex");
            params.put("sex", q.sex());
        }
        if (q.hasNote() != null) {
            // LENGTH: the note is a large text (CLOB on H2), which does not compare with ''
            where.append(q.hasNote() ? " AND w.note IS NOT NULL AND LENGTH(w.note) > 0"
                    : " AND (w.note IS NULL OR LENGTH(w.note) = 0)");
        }
        // keyset paging in openid order: continue after the cursor (the previous page's last openid); the count
        // is of the whole filter, as for offset pages
        boolean keyset = q.sort() == FollowerQuery.Sort.OPENID && q.page().cursor() != null;
        String pageWhere = where.toString();
        Map<String, Object> pageParams = params;
        if (keyset) {
            pageWhere += q.descending() ? " AND w.openid < :after" : " AND w.openid > :after";
            pageParams = new HashMap<>(params);
            pageParams.put("after", q.page().cursor());
        }
        PageRequest page = q.page().cursor() == null || keyset ? q.page() : q.page().offset(0);
        // a deferred join: the inner query pages over an index (for the subscribed/time order an index-only
        // scan), the outer one reads only the rows of the page
        // a search too short for a trigram cannot use an index: filter first, then sort the matches, instead of
        // walking the order index and filtering (which reads every follower when the matches sort last)
        boolean filterFirst = q.containsText() != null && dialect.filterFirst(q.containsText());
        String source = filterFirst
                ? "FROM (SELECT w.openid, w.subscribe_time, w.nickname " + pageWhere + " OFFSET 0) w" : pageWhere;
        // filtering first scans the matches anyway: count them in the same scan (a window over all matches, taken
        // before the sort cuts the page) rather than in a second scan
        boolean counted = filterFirst && !keyset && page.countLimit() > 0;
        String sql = "SELECT u.*" + (counted ? ", k.total_matches" : "") + " FROM (SELECT w.openid"
                + (counted ? ", COUNT(*) OVER () AS total_matches " : " ") + source + " ORDER BY " + order("w", q)
                + " LIMIT " + (page.limit() + 1) + " OFFSET " + page.offset() + ") k JOIN wx_user u ON u.account = :a "
                + "AND u.openid = k.openid ORDER BY " + order("u", q);
        Map<String, Object> bound = pageParams;
        java.util.function.Function<WeChatUser, String> cursor = keyset ? WeChatUser::openid : null;
        // a tag alone: count its memberships (one index range) instead of probing each member's row, which costs
        // 10,000 random reads for a tag of 10,000 (members are stored for followers WeChat lists, see TagSync)
        boolean tagOnly = q.tagId() != null && q.subscribed() == null && q.search() == null
                && q.subscribedFrom() == null && q.subscribedBefore() == null && q.scene() == null && q.sex() == null
                && q.hasNote() == null;
        String countFrom = tagOnly ? "FROM wx_user_tag t WHERE t.account = :a AND t.tag_id = :tag" : where.toString();
        return jdbi.withHandle(h -> {
            long[] matches = {-1};
            List<WeChatUser> rows = h.createQuery(sql).bindMap(bound).map((rs, ctx) -> {
                if (counted) {
                    matches[0] = rs.getLong("total_matches");
                }
                return read(rs);
            }).list();
            return Dialect.page(rows, page, () -> matches[0] >= 0 ? matches[0]
                    : Dialect.countUpTo(h, countFrom, params, page.countLimit()), cursor);
        });
    }

    private String order(String alias, FollowerQuery q) {
        boolean desc = q.descending();
        String tie = alias + ".openid" + (desc ? " DESC" : " ASC");
        return switch (q.sort()) {
            case SUBSCRIBE_TIME -> dialect.order(alias + ".subscribe_time", desc) + ", " + tie;
            case NICKNAME -> dialect.order(alias + ".nickname", desc) + ", " + tie;
            case OPENID -> tie;
        };
    }

    @Override
    public void saveAll(String account, Collection<WeChatUser> users) {
        List<WeChatUser> all = new ArrayList<>(users);
        // one transaction (one commit) per call, statements batched by CHUNK rows
        jdbi.useTransaction(h -> {
            for (int i = 0; i < all.size(); i += CHUNK) {
                upsertChunk(h, account, all.subList(i, Math.min(all.size(), i + CHUNK)));
            }
        });
    }

    private void upsertChunk(Handle h, String account, List<WeChatUser> input) {
        // last one wins when a chunk names an openid twice
        java.util.Map<String, WeChatUser> unique = new java.util.LinkedHashMap<>();
        for (WeChatUser u : input) {
            unique.put(u.openid(), u);
        }
        PreparedBatch upsert = h.prepareBatch(upsertSql(h));
        for (WeChatUser u : unique.values()) {
            bind(upsert, account, u).bind("note", u.note())
                    .bind("firstSeen", u.firstSeen() == null ? 0L : u.firstSeen().toEpochMilli()).add();
        }
        upsert.execute();
    }

    /** The vendor's upsert, keyed by the primary key (account, openid); see the class comment. */
    private String upsertSql(Handle h) {
        String sql = upsertSql;
        if (sql != null) {
            return sql;
        }
        String vendor;
        try {
            vendor = Sql.vendor(h.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new org.wechatmp.core.WeChatException("cannot read the database vendor: " + e.getMessage(), e);
        }
        String insert = "INSERT INTO wx_user (" + COLUMNS + ") VALUES (" + VALUES + ")";
        if ("postgresql".equals(vendor)) {
            sql = insert + " ON CONFLICT (account, openid) DO UPDATE SET "
                    + SYNCED.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        } else if ("mysql".equals(vendor)) {
            sql = insert + " ON DUPLICATE KEY UPDATE "
                    + SYNCED.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        } else {
            sql = "MERGE INTO wx_user t USING (VALUES (" + VALUES + ")) s (" + COLUMNS + ") ON t.account = s.account "
                    + "AND t.openid = s.openid WHEN MATCHED THEN UPDATE SET "
                    + SYNCED.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "))
                    + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES ("
                    + Arrays.stream(COLUMNS.split(", ")).map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
        }
        upsertSql = sql;
        return sql;
    }

    private static PreparedBatch bind(PreparedBatch b, String account, WeChatUser u) {
        return b.bind("account", account).bind("openid", u.openid()).bind("unionid", u.unionid())
                .bind("nickname", u.nickname()).bind("avatar", u.avatar()).bind("sex", u.sex())
                .bind("language", u.language()).bind("city", u.city()).bind("province", u.province())
                .bind("country", u.country()).bind("subscribed", u.subscribed())
                .bind("subscribeTime", Sql.millis(u.subscribeTime())).bind("scene", u.subscribeScene())
                .bind("qrScene", u.qrScene()).bind("qrSceneStr", u.qrSceneStr()).bind("remark", u.remark())
                .bind("tagIds", u.tagIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .bind("syncedAt", Sql.millis(u.syncedAt()));
    }

    @Override
    public boolean recordSubscription(String account, String openid, boolean subscribed, Instant at) {
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> {
                    Optional<Boolean> before = h.createQuery("SELECT * FROM " + dialect.userByKey()
                            + " WHERE account = :a AND openid = :o").bind("a", account).bind("o", openid)
                            .map((rs, ctx) -> {
                                rs.getBoolean("subscribed");
                                return !rs.wasNull();
                            }).findOne();
                    if (before.isEmpty()) {
                        h.createUpdate("INSERT INTO wx_user (account, openid, sex, qr_scene, subscribed, subscribe_time, "
                                + "first_seen) VALUES (:a, :o, 0, 0, :s, :t, :t)").bind("a", account).bind("o", openid)
                                .bind("s", subscribed).bind("t", at.toEpochMilli()).execute();
                        return subscribed;
                    }
                    h.createUpdate("UPDATE " + dialect.userByKey() + " SET subscribed = :s"
                            + (subscribed ? ", subscribe_time = :t" : "")
                            + " WHERE account = :a AND openid = :o").bind("s", subscribed).bind("t", at.toEpochMilli())
                            .bind("a", account).bind("o", openid).execute();
                    // first follow: the row existed but had never recorded a subscription state
                    return subscribed && !before.get();
                });
            } catch (RuntimeException e) {
                if (attempt > 2 || !Sql.isDuplicate(e)) {
                    throw e;
                }
            }
        }
    }

    static WeChatUser read(ResultSet rs) throws SQLException {
        boolean subscribed = rs.getBoolean("subscribed");
        Boolean sub = rs.wasNull() ? null : subscribed;
        long st = rs.getLong("subscribe_time");
        Instant subscribeTime = rs.wasNull() ? null : Instant.ofEpochMilli(st);
        long synced = rs.getLong("synced_at");
        Instant syncedAt = rs.wasNull() ? null : Instant.ofEpochMilli(synced);
        String tags = rs.getString("tag_ids");
        List<Integer> tagIds = tags == null || tags.isEmpty() ? List.of()
                : Arrays.stream(tags.split(",")).map(Integer::valueOf).toList();
        return new WeChatUser(rs.getString("openid"), rs.getString("unionid"), rs.getString("nickname"),
                rs.getString("avatar"), rs.getInt("sex"), rs.getString("language"), rs.getString("city"),
                rs.getString("province"), rs.getString("country"), sub, subscribeTime, rs.getString("subscribe_scene"),
                rs.getLong("qr_scene"), rs.getString("qr_scene_str"), rs.getString("remark"), rs.getString("note"),
                tagIds, Instant.ofEpochMilli(rs.getLong("first_seen")), syncedAt);
    }
}
