package org.wechatmp.storage.jdbi;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.spi.TagRepository;

/** Tags in {@code wx_tag} and memberships in {@code wx_user_tag}. */
final class JdbiTagRepository implements TagRepository {
    private final Jdbi jdbi;

    JdbiTagRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Tag> tags(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tag_id, name, user_count FROM wx_tag WHERE account = :a "
                + "ORDER BY tag_id").bind("a", account).map((rs, ctx) -> new Tag(rs.getInt(1), rs.getString(2),
                        rs.getInt(3))).list());
    }

    @Override
    public void save(String account, Tag tag) {
        jdbi.useTransaction(h -> save(h, account, tag));
    }

    private static void save(Handle h, String account, Tag tag) {
        int n = h.createUpdate("UPDATE wx_tag SET name = :n, user_count = :c WHERE account = :a AND tag_id = :id")
                .bind("n", tag.name()).bind("c", tag.count()).bind("a", account).bind("id", tag.id()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO wx_tag (account, tag_id, name, user_count) VALUES (:a, :id, :n, :c)")
                    .bind("a", account).bind("id", tag.id()).bind("n", tag.name()).bind("c", tag.count()).execute();
        }
    }

    @Override
    public Optional<Tag> find(String account, int tagId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tag_id, name, user_count FROM wx_tag WHERE account = :a "
                + "AND tag_id = :id").bind("a", account).bind("id", tagId).map((rs, ctx) -> new Tag(rs.getInt(1),
                        rs.getString(2), rs.getInt(3))).findOne());
    }

    @Override
    public void delete(String account, int tagId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_user_tag WHERE account = :a AND tag_id = :id").bind("a", account)
                    .bind("id", tagId).execute();
            h.createUpdate("DELETE FROM wx_tag WHERE account = :a AND tag_id = :id").bind("a", account)
                    .bind("id", tagId).execute();
        });
    }

    @Override
    public Set<String> members(String account, int tagId) {
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT openid FROM wx_user_tag WHERE account = :a "
                + "AND tag_id = :id").bind("a", account).bind("id", tagId).mapTo(String.class).list()));
    }

    @Override
    public void changeMembers(String account, int tagId, Collection<String> openids, boolean add) {
        jdbi.useTransaction(h -> {
            PreparedBatch del = h.prepareBatch("DELETE FROM wx_user_tag WHERE account = :a AND openid = :o AND tag_id "
                    + "= :id");
            for (String o : new HashSet<>(openids)) {
                del.bind("a", account).bind("o", o).bind("id", tagId).add();
            }
            if (del.size() > 0) {
                del.execute();
            }
            if (add) {
                insertMembers(h, account, tagId, openids);
            }
        });
    }

    private static void insertMembers(Handle h, String account, int tagId, Collection<String> openids) {
        PreparedBatch ins = h.prepareBatch("INSERT INTO wx_user_tag (account, openid, tag_id) VALUES (:a, :o, :id)");
        for (String o : new HashSet<>(openids)) {
            ins.bind("a", account).bind("o", o).bind("id", tagId).add();
        }
        if (ins.size() > 0) {
            ins.execute();
        }
    }

    @Override
    public void replaceAll(String account, List<Tag> all, Map<Integer, ? extends Collection<String>> members) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_user_tag WHERE account = :a").bind("a", account).execute();
            h.createUpdate("DELETE FROM wx_tag WHERE account = :a").bind("a", account).execute();
            for (Tag t : all) {
                save(h, account, t);
            }
            members.forEach((id, ids) -> insertMembers(h, account, id, ids));
        });
    }
}
