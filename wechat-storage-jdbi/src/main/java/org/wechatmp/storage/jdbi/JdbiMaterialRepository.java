package org.wechatmp.storage.jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.spi.MaterialRepository;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.StoredMaterial;

/** Materials in {@code wx_material} and the articles of news materials in {@code wx_article}. */
final class JdbiMaterialRepository implements MaterialRepository {
    private final Jdbi jdbi;

    JdbiMaterialRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<NewsArticle> articles(String account, String mediaId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_article WHERE account = :a AND media_id = :m "
                + "ORDER BY position").bind("a", account).bind("m", mediaId).map((rs, ctx) -> new NewsArticle(
                        rs.getString("title"), rs.getString("thumb_media_id"), rs.getString("thumb_url"),
                        rs.getInt("show_cover_pic"), rs.getString("author"), rs.getString("digest"),
                        rs.getString("content"), rs.getString("url"), rs.getString("content_source_url"),
                        rs.getInt("need_open_comment"), rs.getInt("only_fans_can_comment"))).list());
    }

    @Override
    public void saveArticles(String account, String mediaId, List<NewsArticle> articles) {
        save(account, "news", new MaterialItem(mediaId, "", 0L, "", articles));
    }

    @Override
    public java.util.Set<String> mediaIds(String account, String type) {
        return new java.util.HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT media_id FROM wx_material WHERE "
                + "account = :a AND material_type = :t").bind("a", account).bind("t", type).mapTo(String.class)
                .list()));
    }

    @Override
    public void delete(String account, String mediaId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_article WHERE account = :a AND media_id = :m").bind("a", account)
                    .bind("m", mediaId).execute();
            h.createUpdate("DELETE FROM wx_material WHERE account = :a AND media_id = :m").bind("a", account)
                    .bind("m", mediaId).execute();
        });
    }

    @Override
    public Optional<StoredMaterial> find(String account, String mediaId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM wx_material WHERE account = :a AND "
                + "media_id = :m").bind("a", account).bind("m", mediaId).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public Page<StoredMaterial> query(String account, String type, PageRequest request) {
        PageRequest page = request.cursor() == null ? request : request.offset(0);
        Map<String, Object> params = new HashMap<>();
        params.put("a", account);
        String where = "FROM wx_material WHERE account = :a";
        if (type != null) {
            where += " AND material_type = :t";
            params.put("t", type);
        }
        String sql = "SELECT " + COLUMNS + " " + where + " ORDER BY update_time DESC, media_id DESC LIMIT "
                + (page.limit() + 1) + " OFFSET " + page.offset();
        String fromWhere = where;
        return jdbi.withHandle(h -> Dialect.page(h.createQuery(sql).bindMap(params).map((rs, ctx) -> read(rs)).list(),
                page, () -> Dialect.countUpTo(h, fromWhere, params, page.countLimit()), null));
    }

    private static final String COLUMNS = "media_id, material_type, name, url, update_time";

    private static StoredMaterial read(java.sql.ResultSet rs) throws java.sql.SQLException {
        String name = rs.getString("name");
        String url = rs.getString("url");
        return new StoredMaterial(rs.getString("media_id"), rs.getString("material_type"), name == null ? "" : name,
                url == null ? "" : url, rs.getLong("update_time"));
    }

    @Override
    public void save(String account, String type, MaterialItem item) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE wx_material SET material_type = :t, name = :n, url = :u, update_time = :ut "
                    + "WHERE account = :a AND media_id = :m").bind("t", type).bind("n", item.name())
                    .bind("u", item.url()).bind("ut", item.updateTime()).bind("a", account).bind("m", item.mediaId())
                    .execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO wx_material (account, media_id, material_type, name, url, update_time) "
                        + "VALUES (:a, :m, :t, :n, :u, :ut)").bind("a", account).bind("m", item.mediaId())
                        .bind("t", type).bind("n", item.name()).bind("u", item.url()).bind("ut", item.updateTime())
                        .execute();
            }
            h.createUpdate("DELETE FROM wx_article WHERE account = :a AND media_id = :m").bind("a", account)
                    .bind("m", item.mediaId()).execute();
            int pos = 0;
            for (NewsArticle x : item.articles()) {
                h.createUpdate("INSERT INTO wx_article (account, media_id, position, title, thumb_media_id, thumb_url, "
                        + "show_cover_pic, author, digest, content, url, content_source_url, need_open_comment, "
                        + "only_fans_can_comment) VALUES (:a, :m, :p, :title, :thumb, :thumbUrl, :cover, :author, "
                        + ":digest, :content, :url, :source, :open, :fans)").bind("a", account)
                        .bind("m", item.mediaId()).bind("p", pos++).bind("title", x.title())
                        .bind("thumb", x.thumbMediaId()).bind("thumbUrl", x.thumbUrl()).bind("cover", x.showCoverPic())
                        .bind("author", x.author()).bind("digest", x.digest()).bind("content", x.content())
                        .bind("url", x.url()).bind("source", x.contentSourceUrl()).bind("open", x.needOpenComment())
                        .bind("fans", x.onlyFansCanComment()).execute();
            }
        });
    }
}
