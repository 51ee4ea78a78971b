package org.wechatmp.storage.jdbi;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.spi.TemplateRepository;

/** Templates in {@code wx_template}; a sync keeps each remaining template's alias and note. */
final class JdbiTemplateRepository implements TemplateRepository {
    private final Jdbi jdbi;

    JdbiTemplateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Template> templates(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_template WHERE account = :a ORDER BY template_id")
                .bind("a", account).map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<Template> find(String account, String templateId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_template WHERE account = :a AND template_id = :id")
                .bind("a", account).bind("id", templateId).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public void delete(String account, String templateId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM wx_template WHERE account = :a AND template_id = :id")
                .bind("a", account).bind("id", templateId).execute());
    }

    private static Template read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Template(rs.getString("template_id"), rs.getString("title"), rs.getString("primary_industry"),
                rs.getString("deputy_industry"), rs.getString("content"), rs.getString("example"));
    }

    @Override
    public void replaceAll(String account, List<Template> all) {
        jdbi.useTransaction(h -> {
            Set<String> keep = new HashSet<>();
            for (Template t : all) {
                keep.add(t.templateId());
                int n = h.createUpdate("UPDATE wx_template SET title = :title, primary_industry = :p, deputy_industry "
                        + "= :d, content = :c, example = :e WHERE account = :a AND template_id = :id")
                        .bind("title", t.title()).bind("p", t.primaryIndustry()).bind("d", t.deputyIndustry())
                        .bind("c", t.content()).bind("e", t.example()).bind("a", account).bind("id", t.templateId())
                        .execute();
                if (n == 0) {
                    h.createUpdate("INSERT INTO wx_template (account, template_id, title, primary_industry, "
                            + "deputy_industry, content, example) VALUES (:a, :id, :title, :p, :d, :c, :e)")
                            .bind("a", account).bind("id", t.templateId()).bind("title", t.title())
                            .bind("p", t.primaryIndustry()).bind("d", t.deputyIndustry()).bind("c", t.content())
                            .bind("e", t.example()).execute();
                }
            }
            for (String id : h.createQuery("SELECT template_id FROM wx_template WHERE account = :a").bind("a", account)
                    .mapTo(String.class).list()) {
                if (!keep.contains(id)) {
                    h.createUpdate("DELETE FROM wx_template WHERE account = :a AND template_id = :id")
                            .bind("a", account).bind("id", id).execute();
                }
            }
        });
    }
}
