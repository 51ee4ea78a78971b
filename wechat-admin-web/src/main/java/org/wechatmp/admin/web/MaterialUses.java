package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.spi.StoredMaterial;

/**
 * Where permanent materials are still referenced: auto-reply handlers, menu buttons (the edited, the published and
 * the conditional menus), news articles' covers, drafts and published articles (covers, and image URLs in their
 * bodies), and, to stay conservative about old broadcasts, the message log and other sections' audit rows that name
 * the media id.
 */
final class MaterialUses {
    /**
     * One reference.
     *
     * @param kind {@code reply}, {@code menu}, {@code article}, {@code draft}, {@code published}, {@code log},
     *     {@code broadcast}
     * @param label what refers (a handler's name, a button's name, an article's title)
     * @param link where to see it (a path in the admin), or {@code null}
     */
    record Use(String kind, String label, String link) {
    }

    private final Map<String, List<Use>> uses = new HashMap<>();
    private MaterialError remoteError;

    private MaterialUses() {
    }

    /** Why drafts and published articles could not be checked (e.g. 48001: no publishing permission), or null. */
    MaterialError remoteError() {
        return remoteError;
    }

    List<Use> of(String mediaId) {
        return uses.getOrDefault(mediaId, List.of());
    }

    private void add(String mediaId, Use use) {
        if (mediaId != null && !mediaId.isEmpty()) {
            uses.computeIfAbsent(mediaId, k -> new ArrayList<>()).add(use);
        }
    }

    /**
     * Collects the references of an account's materials.
     *
     * @param s the services
     * @param a the account
     * @param candidates the materials whose log and audit mentions are looked up (one query each)
     * @return the references
     */
    static MaterialUses find(Services s, Account a, Collection<StoredMaterial> candidates) {
        MaterialUses u = new MaterialUses();
        String base = "/a/" + a.name();
        for (Handler h : s.storage().handlers().handlers(a.name())) {
            for (HandlerReply r : h.replies()) {
                Use use = new Use("reply", h.name(), base + "/replies/" + h.id());
                u.add(r.mediaId(), use);
                u.add(r.thumbMediaId(), use);
            }
        }
        s.storage().menus().menu(a.name()).ifPresent(m -> u.buttons(m, "", base + "/menu"));
        s.storage().menus().published(a.name()).ifPresent(m -> u.buttons(m, "", base + "/menu"));
        s.storage().menus().conditionalMenus(a.name()).forEach((id, m) -> u.buttons(m, id + ": ", base + "/menu"));
        for (String news : s.storage().materials().mediaIds(a.name(), "news")) {
            for (NewsArticle art : s.storage().materials().articles(a.name(), news)) {
                u.add(art.thumbMediaId(), new Use("article", art.title(), base + "/materials/" + news));
            }
        }
        var client = s.runtime().client(a);
        Map<String, String> urls = new HashMap<>();
        for (StoredMaterial m : candidates) {
            if (m.url() != null && !m.url().isEmpty()) {
                urls.put(m.mediaId(), m.url());
            }
        }
        try {
            for (DraftItem d : DraftItem.all(client, false)) {
                u.articles(d, "draft", base + "/drafts/" + d.id(), urls);
            }
            for (DraftItem p : DraftItem.all(client, true)) {
                u.articles(p, "published", base + "/published", urls);
            }
        } catch (WeChatException e) {
            u.remoteError = MaterialError.of(e);
        }
        for (StoredMaterial m : candidates) {
            u.mentions(s, a, m.mediaId());
        }
        return u;
    }

    private void articles(DraftItem item, String kind, String link, Map<String, String> urls) {
        for (NewsArticle art : item.articles()) {
            Use use = new Use(kind, art.title(), link);
            add(art.thumbMediaId(), use);
            String body = art.content() == null ? "" : art.content();
            urls.forEach((id, url) -> {
                if (body.contains(url)) {
                    add(id, use);
                }
            });
        }
    }

    private void buttons(JsonNode node, String path, String link) {
        if (node.isArray()) {
            node.forEach(n -> buttons(n, path, link));
        } else if (node.isObject()) {
            String name = node.path("name").asText("");
            String here = name.isEmpty() ? path : path + name;
            String id = node.path("media_id").asText("");
            if (!id.isEmpty() && uses.getOrDefault(id, List.of()).stream().noneMatch(x -> x.label().equals(here))) {
                add(id, new Use("menu", here, link));
            }
            node.properties().forEach(e -> buttons(e.getValue(), name.isEmpty() ? path : here + " › ", link));
        }
    }

    /** The message log (e.g. a news reply or a broadcast's record) and other sections' audit rows naming the id. */
    private void mentions(Services s, Account a, String mediaId) {
        String like = "%" + mediaId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        int logged = s.storage().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_message_log "
                + "WHERE account = :a AND xml LIKE :m ESCAPE '!'").bind("a", a.name()).bind("m", like)
                .mapTo(Integer.class).one());
        if (logged > 0) {
            add(mediaId, new Use("log", Integer.toString(logged), "/a/" + a.name() + "/messages"));
        }
        List<String> actions = s.storage().jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT action FROM "
                + "wx_admin_audit WHERE account = :a AND action NOT LIKE 'material.%' AND action NOT LIKE 'draft.%' "
                + "AND action NOT LIKE 'publish.%' AND result = 'ok' AND (target LIKE :m ESCAPE '!' OR detail LIKE :m "
                + "ESCAPE '!')").bind("a", a.name()).bind("m", like).mapTo(String.class).list());
        for (String action : actions) {
            add(mediaId, new Use("broadcast", action, null));
        }
    }
}
