package org.wechatmp.storage.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.spi.MenuRepository;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.PublishedMenu;

/**
 * The default menu in {@code wx_menu} (menu id empty), the conditional menus beside it (by menu id), stored as
 * WeChat's JSON; every publication in {@code wx_menu_published}.
 */
final class JdbiMenuRepository implements MenuRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Clock clock;

    JdbiMenuRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<JsonNode> menu(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT menu_json FROM wx_menu WHERE account = :a AND menu_id = ''")
                .bind("a", account).mapTo(String.class).findOne()).map(json -> {
                    try {
                        return JSON.readTree(json);
                    } catch (JsonProcessingException e) {
                        throw new WeChatException("stored menu of " + account + " is not JSON", e);
                    }
                });
    }

    @Override
    public java.util.Map<String, JsonNode> conditionalMenus(String account) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT menu_id, menu_json FROM wx_menu WHERE account = :a AND menu_id <> ''"
                + " ORDER BY menu_id").bind("a", account).map((rs, ctx) -> {
                    out.put(rs.getString(1), read(account, rs.getString(2)));
                    return 0;
                }).list());
        return out;
    }

    @Override
    public void replaceConditionalMenus(String account, java.util.Map<String, JsonNode> menus) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_menu WHERE account = :a AND menu_id <> ''").bind("a", account).execute();
            menus.forEach((id, m) -> h.createUpdate("INSERT INTO wx_menu (account, menu_id, menu_json, match_rule, "
                    + "synced_at) VALUES (:a, :id, :j, :r, :t)").bind("a", account).bind("id", id)
                    .bind("j", m.toString()).bind("r", m.path("matchrule").toString()).bind("t", clock.millis())
                    .execute());
        });
    }

    @Override
    public void recordPublished(String account, JsonNode published) {
        if (menu(account).isEmpty()) {
            save(account, published);
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE wx_menu SET published_json = :j WHERE account = :a AND menu_id = ''")
                    .bind("j", published.toString()).bind("a", account).execute();
            h.createUpdate("INSERT INTO wx_menu_published (account, published_at, menu_json) VALUES (:a, :t, :j)")
                    .bind("a", account).bind("t", clock.millis()).bind("j", published.toString()).execute();
        });
    }

    @Override
    public Page<PublishedMenu> publishedHistory(String account, PageRequest request) {
        PageRequest page = request.cursor() == null ? request : request.offset(0);
        Map<String, Object> params = Map.of("a", account);
        String where = "FROM wx_menu_published WHERE account = :a";
        return jdbi.withHandle(h -> Dialect.page(h.createQuery("SELECT id, published_at, menu_json " + where
                + " ORDER BY id DESC LIMIT " + (page.limit() + 1) + " OFFSET " + page.offset()).bindMap(params)
                .map((rs, ctx) -> new PublishedMenu(rs.getLong(1), read(account, rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(2)))).list(), page,
                () -> Dialect.countUpTo(h, where, params, page.countLimit()), null));
    }

    @Override
    public Optional<JsonNode> published(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT published_json FROM wx_menu WHERE account = :a AND menu_id "
                + "= ''").bind("a", account).mapTo(String.class).findOne()).filter(j -> j != null)
                .map(j -> read(account, j));
    }

    private static JsonNode read(String account, String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WeChatException("stored menu of " + account + " is not JSON", e);
        }
    }

    @Override
    public void save(String account, JsonNode menu) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE wx_menu SET menu_json = :j, synced_at = :t WHERE account = :a AND menu_id "
                    + "= ''").bind("j", menu.toString()).bind("t", clock.millis()).bind("a", account).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO wx_menu (account, menu_id, menu_json, synced_at) VALUES (:a, '', :j, :t)")
                        .bind("a", account).bind("j", menu.toString()).bind("t", clock.millis()).execute();
            }
        });
    }
}
