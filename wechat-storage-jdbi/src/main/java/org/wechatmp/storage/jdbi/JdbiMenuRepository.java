package org.wechatmp.storage.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.spi.MenuRepository;

/** The default menu in {@code wx_menu} (menu id empty), stored as WeChat's JSON. */
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
    public void saveMenu(String account, JsonNode menu) {
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
