package org.wechatmp.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.wechatmp.core.WeChatException;

/**
 * The menu editor's storage beside core's {@code MenuRepository}: working copies in {@code wx_menu_draft}, who
 * published each version in {@code wx_admin_menu_publish}, and the few reads of {@code wx_menu_published} and
 * {@code wx_menu} the repository does not offer (one version by id; forgetting the published menu once WeChat's was
 * deleted).
 */
final class MenuDrafts {
    static final String DEFAULT = "default";
    static final String CONDITIONAL = "conditional";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stored working copy.
     *
     * @param menu WeChat's JSON (a conditional one also holds {@code matchrule})
     * @param revision increases with each save
     * @param editedBy the admin who saved it last
     * @param editedAt when
     */
    record Draft(JsonNode menu, long revision, String editedBy, Instant editedAt) {
    }

    /**
     * Who published a version from the admin.
     *
     * @param admin the admin
     * @param restoredFrom the version it republished, or {@code null}
     */
    record Publisher(String admin, Long restoredFrom) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    MenuDrafts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Optional<Draft> find(String account, String draft) {
        return jdbi.withHandle(h -> h.createQuery("SELECT menu_json, revision, edited_by, edited_at FROM wx_menu_draft"
                + " WHERE account = :a AND draft = :d").bind("a", account).bind("d", draft)
                .map((rs, ctx) -> new Draft(read(rs.getString(1)), rs.getLong(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)))).findOne());
    }

    /**
     * Saves a working copy if nobody saved since the editor loaded it.
     *
     * @param expected the revision the editor loaded (0 when there was no working copy)
     * @return the new revision, or -1 when another save came first
     */
    long save(String account, String draft, JsonNode menu, long expected, String who) {
        long next = expected + 1;
        try {
            int n = jdbi.withHandle(h -> expected == 0
                    ? h.createUpdate("INSERT INTO wx_menu_draft (account, draft, menu_json, revision, edited_by, "
                            + "edited_at) VALUES (:a, :d, :j, :r, :w, :t)").bind("a", account).bind("d", draft)
                            .bind("j", menu.toString()).bind("r", next).bind("w", who).bind("t", clock.millis())
                            .execute()
                    : h.createUpdate("UPDATE wx_menu_draft SET menu_json = :j, revision = :r, edited_by = :w, "
                            + "edited_at = :t WHERE account = :a AND draft = :d AND revision = :e")
                            .bind("a", account).bind("d", draft).bind("j", menu.toString()).bind("r", next)
                            .bind("w", who).bind("t", clock.millis()).bind("e", expected).execute());
            return n == 1 ? next : -1;
        } catch (UnableToExecuteStatementException e) {
            return -1; // the INSERT lost to another editor's first save
        }
    }

    void drop(String account, String draft) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM wx_menu_draft WHERE account = :a AND draft = :d")
                .bind("a", account).bind("d", draft).execute());
    }

    /** Records who published the account's newest version (just recorded by the repository). */
    void published(String account, String admin, Long restoredFrom) {
        jdbi.useTransaction(h -> {
            Long id = h.createQuery("SELECT MAX(id) FROM wx_menu_published WHERE account = :a").bind("a", account)
                    .mapTo(Long.class).one();
            if (id != null) {
                h.createUpdate("INSERT INTO wx_admin_menu_publish (published_id, account, admin, restored_from) "
                        + "VALUES (:id, :a, :w, :r)").bind("id", id).bind("a", account).bind("w", admin)
                        .bind("r", restoredFrom).execute();
            }
        });
    }

    Map<Long, Publisher> publishers(String account, List<Long> ids) {
        Map<Long, Publisher> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT published_id, admin, restored_from FROM wx_admin_menu_publish "
                + "WHERE account = :a AND published_id IN (<ids>)").bind("a", account).bindList("ids", ids)
                .map((rs, ctx) -> {
                    long r = rs.getLong(3);
                    Long restored = rs.wasNull() ? null : r;
                    out.put(rs.getLong(1), new Publisher(rs.getString(2), restored));
                    return 0;
                }).list());
        return out;
    }

    Optional<JsonNode> version(String account, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT menu_json FROM wx_menu_published WHERE account = :a AND "
                + "id = :id").bind("a", account).bind("id", id).mapTo(String.class).findOne()).map(MenuDrafts::read);
    }

    /** After {@code menu/delete}: nothing is published any more (the history stays). */
    void forgetPublished(String account) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_menu SET published_json = NULL WHERE account = :a AND "
                + "menu_id = ''").bind("a", account).execute());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WeChatException("a stored menu is not JSON", e);
        }
    }
}
