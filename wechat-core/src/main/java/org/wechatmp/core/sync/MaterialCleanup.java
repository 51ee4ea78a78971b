package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.spi.MenuRepository;

/**
 * Finds permanent materials nothing uses (no handler reply, no button of the default or a conditional menu, no
 * article thumbnail refers to them; with {@link #unused(Account, WeChatClient)} also no draft or published article)
 * and deletes selected ones in WeChat and locally. Run {@link MaterialSync} first so the local list is current.
 *
 * <p>Deleting trusts the local picture, so it is refused while the last material sync, menu import or auto-reply
 * import recorded in the state store did not end {@link SyncPhase#DONE}: a material a half-imported menu refers to
 * must not look unused. Each deletion run is recorded under {@link #KIND}, can be cancelled between materials, and a
 * failure stops it with a {@link SyncException} listing how many were deleted.
 */
public final class MaterialCleanup {
    /** The kind name in the sync state. */
    public static final String KIND = "material-cleanup";
    private static final List<String> TYPES = List.of("image", "voice", "video", "news");
    private static final List<String> PREREQUISITES = List.of(MaterialSync.KIND, MenuSync.KIND, AutoReplyImport.KIND);

    private final MaterialRepository materials;
    private final HandlerRepository handlers;
    private final MenuRepository menus;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the cleanup without a shared state store (runs are recorded in memory only).
     *
     * @param materials the stored materials
     * @param handlers the handlers whose replies refer to materials
     * @param menus the stored menu
     */
    public MaterialCleanup(MaterialRepository materials, HandlerRepository handlers, MenuRepository menus) {
        this(materials, handlers, menus, new InMemorySyncStateStore(), Clock.systemUTC());
    }

    /**
     * Creates the cleanup.
     *
     * @param materials the stored materials
     * @param handlers the handlers whose replies refer to materials
     * @param menus the stored menu
     * @param states where the other syncs' states are read and deletion runs recorded
     * @param clock the clock for timestamps and progress rates
     */
    public MaterialCleanup(MaterialRepository materials, HandlerRepository handlers, MenuRepository menus,
            SyncStateStore states, Clock clock) {
        this.materials = materials;
        this.handlers = handlers;
        this.menus = menus;
        this.states = states;
        this.clock = clock;
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
        menus.conditionalMenus(account).values().forEach(m -> collect(m, used));
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
     * The media ids of stored materials that nothing refers to, also asking WeChat for what only it keeps: a cover
     * of a draft or of a published article, or an image material whose URL is in such an article's body, counts
     * as used.
     *
     * @param account the account
     * @param client its client (reads {@code draft/batchget} and {@code freepublish/batchget})
     * @return the unused media ids, sorted
     */
    public Set<String> unused(Account account, WeChatClient client) {
        Set<String> unused = unused(account.name());
        MaterialReferences remote = MaterialReferences.remote(client);
        unused.removeAll(remote.thumbMediaIds());
        unused.removeIf(id -> materials.find(account.name(), id).map(m -> remote.mentions(m.url())).orElse(false));
        return unused;
    }

    /**
     * Deletes materials in WeChat, then locally; one that WeChat no longer has (40007) is removed locally too.
     *
     * @param account the account
     * @param client its client
     * @param mediaIds the materials to delete
     * @return the media ids deleted
     * @throws SyncException when a prerequisite sync did not complete, WeChat fails, or the run is cancelled
     */
    public List<String> delete(Account account, WeChatClient client, Collection<String> mediaIds) {
        return delete(account, client, mediaIds, SyncListener.NONE);
    }

    /**
     * Deletes materials in WeChat, then locally, with progress and cancellation between materials.
     *
     * @param account the account
     * @param client its client
     * @param mediaIds the materials to delete
     * @param listener progress and cancellation
     * @return the media ids deleted
     * @throws SyncException when a prerequisite sync did not complete, WeChat fails, or the run is cancelled (those
     *     deleted before stay deleted)
     */
    public List<String> delete(Account account, WeChatClient client, Collection<String> mediaIds,
            SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, null, listener);
        List<String> deleted = new ArrayList<>();
        try {
            for (String kind : PREREQUISITES) {
                SyncPhase last = states.get(name, kind).map(SyncState::phase).orElse(SyncPhase.DONE);
                if (last != SyncPhase.DONE) {
                    throw new WeChatException("the last " + kind + " sync ended " + last
                            + "; run it to completion before deleting materials");
                }
            }
            rec.total(mediaIds.size());
            for (String id : mediaIds) {
                rec.checkStop();
                try {
                    client.materials().delete(id);
                } catch (WeChatApiException e) {
                    if (e.errcode() != 40007) {
                        throw e;
                    }
                }
                rec.call();
                materials.delete(name, id);
                deleted.add(id);
                rec.tick("deleted", deleted.size());
            }
            rec.done(deleted.size(), deleted.size(), deleted.size(), deleted.size() + " materials deleted");
            return deleted;
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
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
