package org.wechatmp.storage.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerQuery;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;

/**
 * Handlers, rules and replies in {@code wx_handler}, {@code wx_rule} and {@code wx_reply}, mapping the engine's model
 * field for field. Every write bumps the account's row in {@code wx_handler_version} in the same transaction; the
 * engine polls {@link #version} (cached for one second, so a callback costs no query) and recompiles on change,
 * on every node.
 */
final class JdbiHandlerRepository implements HandlerRepository {
    private static final long VERSION_CACHE_MILLIS = 1_000;

    private record CachedVersion(long version, long readAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, CachedVersion> versions = new ConcurrentHashMap<>();

    private final Dialect dialect;

    JdbiHandlerRepository(Jdbi jdbi, Clock clock, Dialect dialect) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.dialect = dialect;
    }

    @Override
    public long version(String account) {
        long now = clock.millis();
        CachedVersion c = versions.get(account);
        if (c == null || now - c.readAt() > VERSION_CACHE_MILLIS) {
            long v = jdbi.withHandle(h -> h.createQuery("SELECT version FROM wx_handler_version WHERE account = :a")
                    .bind("a", account).mapTo(Long.class).findOne().orElse(0L));
            c = new CachedVersion(v, now);
            versions.put(account, c);
        }
        return c.version();
    }

    @Override
    public List<Handler> handlers(String account) {
        return jdbi.withHandle(h -> load(h, account, null));
    }

    @Override
    public Optional<Handler> find(String account, long id) {
        return jdbi.withHandle(h -> load(h, account, List.of(id))).stream().findFirst();
    }

    @Override
    public Page<Handler> query(String account, HandlerQuery q) {
        PageRequest page = q.page().cursor() == null ? q.page() : q.page().offset(0);
        Map<String, Object> params = new HashMap<>();
        params.put("a", account);
        StringBuilder where = new StringBuilder("FROM wx_handler x WHERE x.account = :a");
        if (q.source() != null) {
            where.append(" AND x.source = :source");
            params.put("source", q.source().name());
        }
        if (q.enabled() != null) {
            where.append(" AND x.enabled = :enabled");
            params.put("enabled", q.enabled());
        }
        if (q.ruleType() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM wx_rule r WHERE r.handler_id = x.id AND r.rule_type = :rt)");
            params.put("rt", q.ruleType().name());
        }
        if (q.search() != null) {
            String like = dialect.ilike() + " :text ESCAPE '!'";
            where.append(" AND (x.name ").append(like).append(" OR EXISTS (SELECT 1 FROM wx_rule r WHERE r.handler_id "
                    + "= x.id AND (r.rule_value ").append(like).append(" OR r.rule_key ").append(like).append("))"
                    + " OR EXISTS (SELECT 1 FROM wx_reply p WHERE p.handler_id = x.id AND p.content ").append(like)
                    .append("))");
            params.put("text", Dialect.containsPattern(q.search()));
        }
        String sql = "SELECT x.id " + where + " ORDER BY x.weight DESC, x.created_at DESC, x.id DESC LIMIT "
                + (page.limit() + 1) + " OFFSET " + page.offset();
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery(sql).bindMap(params).mapTo(Long.class).list();
            List<Handler> rows = ids.isEmpty() ? List.of()
                    : load(h, account, ids).stream().sorted(Handler.ORDER).toList();
            return Dialect.page(rows, page, () -> Dialect.countUpTo(h, where.toString(), params, page.countLimit()),
                    null);
        });
    }

    /** The handlers of an account, all or those with the given ids. */
    private static List<Handler> load(Handle h, String account, List<Long> ids) {
        String only = ids == null ? "" : " AND x.id IN (<ids>)";
        Map<Long, List<Rule>> rules = new HashMap<>();
        var ruleQuery = h.createQuery("SELECT r.* FROM wx_rule r JOIN wx_handler x ON r.handler_id = x.id WHERE "
                + "x.account = :a" + only + " ORDER BY r.handler_id, r.position").bind("a", account);
        if (ids != null) {
            ruleQuery.bindList("ids", ids);
        }
        ruleQuery.map((rs, ctx) -> {
            rules.computeIfAbsent(rs.getLong("handler_id"), k -> new ArrayList<>()).add(new Rule(
                    Rule.Type.valueOf(rs.getString("rule_type")), rs.getString("rule_value"), rs.getString("rule_key")));
            return 0;
        }).list();
        Map<Long, List<HandlerReply>> replies = new HashMap<>();
        var replyQuery = h.createQuery("SELECT r.* FROM wx_reply r JOIN wx_handler x ON r.handler_id = x.id WHERE "
                + "x.account = :a" + only + " ORDER BY r.handler_id, r.position").bind("a", account);
        if (ids != null) {
            replyQuery.bindList("ids", ids);
        }
        replyQuery.map((rs, ctx) -> {
            replies.computeIfAbsent(rs.getLong("handler_id"), k -> new ArrayList<>()).add(
                    new HandlerReply(HandlerReply.Type.valueOf(rs.getString("reply_type")), rs.getString("content"),
                            rs.getString("media_id"), rs.getString("title"), rs.getString("description"),
                            rs.getString("music_url"), rs.getString("hq_music_url"), rs.getString("thumb_media_id"),
                            rs.getString("url"), rs.getString("fn_name")));
            return 0;
        }).list();
        var handlerQuery = h.createQuery("SELECT * FROM wx_handler x WHERE x.account = :a" + only).bind("a", account);
        if (ids != null) {
            handlerQuery.bindList("ids", ids);
        }
        return handlerQuery.map((rs, ctx) -> {
            long id = rs.getLong("id");
            long starts = rs.getLong("starts_at");
            Instant startsAt = rs.wasNull() ? null : Instant.ofEpochMilli(starts);
            long ends = rs.getLong("ends_at");
            Instant endsAt = rs.wasNull() ? null : Instant.ofEpochMilli(ends);
            return new Handler(id, rs.getString("name"), rs.getBoolean("enabled"), rs.getInt("weight"), startsAt,
                    endsAt, Handler.Strategy.valueOf(rs.getString("strategy")), rules.getOrDefault(id, List.of()),
                    replies.getOrDefault(id, List.of()), rs.getBoolean("log_messages"),
                    Handler.Source.valueOf(rs.getString("source")), Instant.ofEpochMilli(rs.getLong("created_at")));
        }).list();
    }

    @Override
    public Handler save(String account, Handler handler) {
        ensureVersionRow(account);
        Handler stored = jdbi.inTransaction(h -> {
            Handler s = write(h, account, handler);
            bump(h, account);
            return s;
        });
        versions.remove(account);
        return stored;
    }

    @Override
    public boolean delete(String account, long id) {
        ensureVersionRow(account);
        boolean removed = jdbi.inTransaction(h -> {
            boolean gone = remove(h, account, id);
            if (gone) {
                bump(h, account);
            }
            return gone;
        });
        versions.remove(account);
        return removed;
    }

    /**
     * Replaces every handler of a source (e.g. the ones imported from WeChat) in one transaction.
     *
     * @param account the account
     * @param source the source whose handlers are replaced
     * @param handlers the new handlers
     */
    @Override
    public void replaceSource(String account, Handler.Source source, List<Handler> handlers) {
        ensureVersionRow(account);
        jdbi.useTransaction(h -> {
            for (Long id : h.createQuery("SELECT id FROM wx_handler WHERE account = :a AND source = :s")
                    .bind("a", account).bind("s", source.name()).mapTo(Long.class).list()) {
                remove(h, account, id);
            }
            for (Handler x : handlers) {
                write(h, account, x.toBuilder().id(0).source(source).build());
            }
            bump(h, account);
        });
        versions.remove(account);
    }

    private static boolean remove(Handle h, String account, long id) {
        int n = h.createUpdate("DELETE FROM wx_handler WHERE id = :id AND account = :a").bind("id", id)
                .bind("a", account).execute();
        if (n > 0) {
            h.createUpdate("DELETE FROM wx_rule WHERE handler_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM wx_reply WHERE handler_id = :id").bind("id", id).execute();
        }
        return n > 0;
    }

    private Handler write(Handle h, String account, Handler x) {
        Instant created = x.createdAt().equals(Instant.EPOCH) ? Instant.ofEpochMilli(clock.millis()) : x.createdAt();
        long newId = 0;
        if (x.id() != 0) {
            // an existing handler keeps its id: update it in place, then rewrite its rules and replies
            int n = h.createUpdate("UPDATE wx_handler SET name = :name, enabled = :enabled, weight = :weight, "
                    + "starts_at = :starts, ends_at = :ends, strategy = :strategy, log_messages = :log, source = "
                    + ":source, created_at = :created WHERE id = :id AND account = :a").bind("id", x.id())
                    .bind("a", account).bind("name", x.name()).bind("enabled", x.enabled()).bind("weight", x.weight())
                    .bind("starts", Sql.millis(x.startsAt())).bind("ends", Sql.millis(x.endsAt()))
                    .bind("strategy", x.strategy().name()).bind("log", x.logMessages())
                    .bind("source", x.source().name()).bind("created", created.toEpochMilli()).execute();
            if (n > 0) {
                newId = x.id();
                h.createUpdate("DELETE FROM wx_rule WHERE handler_id = :id").bind("id", newId).execute();
                h.createUpdate("DELETE FROM wx_reply WHERE handler_id = :id").bind("id", newId).execute();
            }
        }
        if (newId == 0) {
            newId = h.createUpdate("INSERT INTO wx_handler (account, name, enabled, weight, starts_at, ends_at, "
                    + "strategy, log_messages, source, created_at) VALUES (:a, :name, :enabled, :weight, :starts, "
                    + ":ends, :strategy, :log, :source, :created)").bind("a", account).bind("name", x.name())
                    .bind("enabled", x.enabled()).bind("weight", x.weight()).bind("starts", Sql.millis(x.startsAt()))
                    .bind("ends", Sql.millis(x.endsAt())).bind("strategy", x.strategy().name())
                    .bind("log", x.logMessages()).bind("source", x.source().name())
                    .bind("created", created.toEpochMilli()).executeAndReturnGeneratedKeys("id").mapTo(Long.class)
                    .one();
        }
        int pos = 0;
        for (Rule r : x.rules()) {
            h.createUpdate("INSERT INTO wx_rule (handler_id, position, rule_type, rule_value, rule_key) VALUES (:h, "
                    + ":p, :t, :v, :k)").bind("h", newId).bind("p", pos++).bind("t", r.type().name())
                    .bind("v", r.value()).bind("k", r.key()).execute();
        }
        pos = 0;
        for (HandlerReply r : x.replies()) {
            h.createUpdate("INSERT INTO wx_reply (handler_id, position, reply_type, content, media_id, title, "
                    + "description, music_url, hq_music_url, thumb_media_id, url, fn_name) VALUES (:h, :p, :t, :c, "
                    + ":m, :title, :d, :mu, :hq, :th, :u, :n)").bind("h", newId).bind("p", pos++)
                    .bind("t", r.type().name()).bind("c", r.content()).bind("m", r.mediaId()).bind("title", r.title())
                    .bind("d", r.description()).bind("mu", r.musicUrl()).bind("hq", r.hqMusicUrl())
                    .bind("th", r.thumbMediaId()).bind("u", r.url()).bind("n", r.name()).execute();
        }
        return new Handler(newId, x.name(), x.enabled(), x.weight(), x.startsAt(), x.endsAt(), x.strategy(),
                x.rules(), x.replies(), x.logMessages(), x.source(), created);
    }

    /**
     * Makes the account's version row exist before a write, outside the write's transaction: two first writes at
     * once (say the menu and the auto-reply imports of a new account) would otherwise both insert it and one would
     * fail on the primary key. A losing insert here is harmless.
     */
    private void ensureVersionRow(String account) {
        boolean present = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_handler_version WHERE account = "
                + ":a").bind("a", account).mapTo(Long.class).one() > 0);
        if (!present) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_handler_version (account, version) VALUES (:a, 0)")
                        .bind("a", account).execute());
            } catch (UnableToExecuteStatementException e) {
                // another writer inserted it first
            }
        }
    }

    /** Moves the version to now, or one past it when that is not later; one atomic statement, so no bump is lost. */
    private void bump(Handle h, String account) {
        h.createUpdate("UPDATE wx_handler_version SET version = CASE WHEN version + 1 > :now THEN version + 1 ELSE :now "
                + "END WHERE account = :a").bind("a", account).bind("now", clock.millis()).execute();
    }
}
