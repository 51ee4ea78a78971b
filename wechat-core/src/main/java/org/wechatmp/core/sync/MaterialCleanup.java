package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.spi.MenuRepository;

/**
 * Finds permanent materials nothing uses (no handler reply, no menu button, no article thumbnail refers to them) and
 * deletes selected ones in WeChat and locally. Run {@link MaterialSync} first so the local list is current.
 */
public final class MaterialCleanup {
    private static final List<String> TYPES = List.of("image", "voice", "video", "news");

    private final MaterialRepository materials;
    private final HandlerRepository handlers;
    private final MenuRepository menus;

    /**
     * Creates the cleanup.
     *
     * @param materials the stored materials
     * @param handlers the handlers whose replies refer to materials
     * @param menus the stored menu
     */
    public MaterialCleanup(MaterialRepository materials, HandlerRepository handlers, MenuRepository menus) {
        this.materials = materials;
        this.handlers = handlers;
        this.menus = menus;
    }

    /**
     * The media ids of stored materials that nothing refers to.
     *
     * @param account the account name
     * @return the unused media ids, sorted
     */
    public Set<String> unused(String account) {
        Set<String> used = new HashSet<>();
        for (Handler h : handlers.handlers(account)) {
            for (HandlerReply r : h.replies()) {
                addIfPresent(used, r.mediaId());
                addIfPresent(used, r.thumbMediaId());
            }
        }
        menus.menu(account).ifPresent(m -> collect(m, used));
        for (String news : materials.mediaIds(account, "news")) {
            for (NewsArticle a : materials.articles(account, news)) {
                addIfPresent(used, a.thumbMediaId());
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String type : TYPES) {
            for (String id : materials.mediaIds(account, type)) {
                if (!used.contains(id)) {
                    unused.add(id);
                }
            }
        }
        return unused;
    }

    /**
     * Deletes materials in WeChat, then locally; one that WeChat no longer has (40007) is removed locally too.
     *
     * @param account the account
     * @param client its client
     * @param mediaIds the materials to delete
     * @return the media ids deleted
     */
    public List<String> delete(Account account, WeChatClient client, Collection<String> mediaIds) {
        List<String> deleted = new ArrayList<>();
        for (String id : mediaIds) {
            try {
                client.materials().delete(id);
            } catch (WeChatApiException e) {
                if (e.errcode() != 40007) {
                    throw e;
                }
            }
            materials.delete(account.name(), id);
            deleted.add(id);
        }
        return deleted;
    }

    private static void collect(JsonNode node, Set<String> used) {
        if (node.isObject()) {
            addIfPresent(used, node.path("media_id").asText(null));
            node.elements().forEachRemaining(n -> collect(n, used));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, used));
        }
    }

    private static void addIfPresent(Set<String> used, String id) {
        if (id != null && !id.isEmpty()) {
            used.add(id);
        }
    }
}
