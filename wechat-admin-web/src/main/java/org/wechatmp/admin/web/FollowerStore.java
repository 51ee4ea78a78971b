package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The follower pages' own reads and writes beside the repositories: the tags of the rows on a page
 * ({@code wx_user_tag}), members per tag, the local note ({@code wx_user.note}), and the blacklist
 * ({@code wx_admin_blacklist}). Every statement is keyed by the account and bounded by a page.
 */
final class FollowerStore {
    private final Jdbi jdbi;

    FollowerStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The tag ids of some followers (one page), from the memberships the tag filter reads. */
    Map<String, List<Integer>> tagsOf(String account, Collection<String> openids) {
        Map<String, List<Integer>> out = new HashMap<>();
        if (openids.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT openid, tag_id FROM wx_user_tag WHERE account = :a AND openid IN "
                + "(<o>) ORDER BY tag_id").bind("a", account).bindList("o", new ArrayList<>(openids))
                .map((rs, ctx) -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
                    return null;
                }).list());
        return out;
    }

    /** Which of some followers are on the blacklist. */
    Set<String> blacklisted(String account, Collection<String> openids) {
        if (openids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT openid FROM wx_admin_blacklist WHERE "
                + "account = :a AND openid IN (<o>)").bind("a", account).bindList("o", new ArrayList<>(openids))
                .mapTo(String.class).list()));
    }

    /** Members per tag, from the local memberships (a tag without members is absent). */
    Map<Integer, Long> memberCounts(String account) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT tag_id, COUNT(*) FROM wx_user_tag WHERE account = :a GROUP BY "
                + "tag_id").bind("a", account).map((rs, ctx) -> out.put(rs.getInt(1), rs.getLong(2))).list());
        return out;
    }

    /** Replaces a follower's memberships with the tag ids WeChat answered (after a refresh). */
    void replaceTags(String account, String openid, List<Integer> tagIds) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_user_tag WHERE account = :a AND openid = :o").bind("a", account)
                    .bind("o", openid).execute();
            PreparedBatch b = h.prepareBatch("INSERT INTO wx_user_tag (account, openid, tag_id) VALUES (:a, :o, :t)");
            for (Integer t : new HashSet<>(tagIds)) {
                b.bind("a", account).bind("o", openid).bind("t", t).add();
            }
            if (b.size() > 0) {
                b.execute();
            }
        });
    }

    /** Sets the local note (empty or {@code null} clears it); false when the follower is not stored. */
    boolean note(String account, String openid, String note) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_user SET note = :n WHERE account = :a AND openid = :o")
                .bind("n", note == null || note.isEmpty() ? null : note).bind("a", account).bind("o", openid)
                .execute()) > 0;
    }

    /** One page of the blacklist, by openid, with what is known of each follower. */
    List<BlacklistRow> blacklist(String account, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT b.openid, b.added_at, u.nickname, u.remark, u.avatar FROM "
                + "wx_admin_blacklist b LEFT JOIN wx_user u ON u.account = b.account AND u.openid = b.openid WHERE "
                + "b.account = :a ORDER BY b.openid LIMIT " + limit + " OFFSET " + offset).bind("a", account)
                .map((rs, ctx) -> new BlacklistRow(rs.getString("openid"), rs.getString("nickname"),
                        rs.getString("remark"), rs.getString("avatar") != null && !rs.getString("avatar").isEmpty(),
                        Instant.ofEpochMilli(rs.getLong("added_at")))).list());
    }

    long blacklistCount(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_admin_blacklist WHERE account = :a")
                .bind("a", account).mapTo(Long.class).one());
    }

    /** Adds or removes openids (after WeChat accepted the change). */
    void blacklist(String account, Collection<String> openids, boolean add, Instant at) {
        jdbi.useTransaction(h -> {
            delete(h, account, openids);
            if (add) {
                insert(h, account, openids, at);
            }
        });
    }

    /** Replaces the whole blacklist with WeChat's (a sync). */
    void replaceBlacklist(String account, Collection<String> openids, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_admin_blacklist WHERE account = :a").bind("a", account).execute();
            insert(h, account, openids, at);
        });
    }

    private static void delete(Handle h, String account, Collection<String> openids) {
        PreparedBatch b = h.prepareBatch("DELETE FROM wx_admin_blacklist WHERE account = :a AND openid = :o");
        for (String o : new HashSet<>(openids)) {
            b.bind("a", account).bind("o", o).add();
        }
        if (b.size() > 0) {
            b.execute();
        }
    }

    private static void insert(Handle h, String account, Collection<String> openids, Instant at) {
        PreparedBatch b = h.prepareBatch("INSERT INTO wx_admin_blacklist (account, openid, added_at) VALUES (:a, :o, "
                + ":t)");
        for (String o : new HashSet<>(openids)) {
            b.bind("a", account).bind("o", o).bind("t", at.toEpochMilli()).add();
        }
        if (b.size() > 0) {
            b.execute();
        }
    }
}
