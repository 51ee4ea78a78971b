package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobKind;

/**
 * The pages of materials, drafts and publishing (issue 13). {@code /a/{a}/materials?type=&q=&page=}: a grid per type
 * (images and covers through the admin's own proxy, players for voice and video, news with their articles), with
 * upload, sync (a job) and the unused view; {@code /a/{a}/materials/{mediaId}}: alias, note, references, delete.
 * Drafts and published articles are {@link DraftPages}.
 */
final class MaterialPages implements SectionPages {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
    static final List<String> TYPES = List.of("image", "voice", "video", "news");
    private static final int PER_PAGE = 24;

    private final DraftPages drafts = new DraftPages();
    private AutoCloseable subscription;

    @Override
    public void start(Services s) {
        PublishJobs jobs = new PublishJobs(s.storage().jdbi(), s.clock(), s.audit());
        drafts.jobs(jobs);
        subscription = s.events().subscribe(jobs);
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // unsubscribing from the in-memory fan-out cannot fail
            }
        }
    }

    @Override
    public void route(Ctx c, Account a, String segment, String rest) throws IOException {
        if (!"materials".equals(segment)) {
            drafts.route(c, a, segment, rest);
            return;
        }
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
                grid(c, a, 200, null, MaterialUpload.Form.empty());
            }
            case "/upload" -> MaterialUpload.upload(c, a, this);
            case "/sync" -> sync(c, a);
            case "/unused" -> MaterialDeletes.unused(c, a);
            case "/remote" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
                MaterialStream.remote(c, a, c.param("u"));
            }
            default -> one(c, a, rest);
        }
    }

    private void one(Ctx c, Account a, String rest) throws IOException {
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length > 2 || !ID.matcher(parts[0]).matches()) {
            throw HttpError.notFound();
        }
        String id = parts[0];
        if (parts.length == 2 && "raw".equals(parts[1])) {
            c.requireMethod("GET");
            AccountPages.need(c, a, Section.MATERIALS, Level.VIEW);
            MaterialStream.material(c, a, id);
            return;
        }
        MaterialRow row = find(c, a, id).orElseThrow(HttpError::notFound);
        if (parts.length == 2 && "delete".equals(parts[1])) {
            MaterialDeletes.one(c, a, row);
            return;
        }
        if (parts.length == 2) {
            throw HttpError.notFound();
        }
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.EDIT : Level.VIEW);
        if (c.post()) {
            String alias = c.param("alias");
            String note = c.param("note");
            if (alias.length() > 64 || note.length() > 2000) {
                detail(c, a, row, 400, MaterialError.of("materials.note.toolong"));
                return;
            }
            c.s.storage().jdbi().useHandle(h -> h.createUpdate("UPDATE wx_material SET alias = :al, note = :n "
                    + "WHERE account = :a AND media_id = :m").bind("al", alias.isEmpty() ? null : alias)
                    .bind("n", note.isEmpty() ? null : note).bind("a", a.name()).bind("m", id).execute());
            c.s.audit().record(c.who(), a.name(), "material.note", id, true, null, alias);
            c.redirect("/a/" + a.name() + "/materials/" + id, "saved");
            return;
        }
        detail(c, a, row, 200, null);
    }

    private static void detail(Ctx c, Account a, MaterialRow row, int status, MaterialError error) throws IOException {
        MaterialUses uses = MaterialUses.find(c.s, a, List.of(stored(row)));
        c.render("materials_detail", status, "materials.detail", "a", a.name(), "row", row, "uses",
                uses.of(row.mediaId()), "canEdit", c.user.can(a.name(), Section.MATERIALS, Level.EDIT),
                "error", error, "unchecked", uses.remoteError());
    }

    static org.wechatmp.core.spi.StoredMaterial stored(MaterialRow r) {
        return new org.wechatmp.core.spi.StoredMaterial(r.mediaId(), r.type(), r.name(), r.url(),
                r.updated().getEpochSecond());
    }

    void grid(Ctx c, Account a, int status, MaterialError error, MaterialUpload.Form form) throws IOException {
        String type = TYPES.contains(c.param("type")) ? c.param("type") : "image";
        String q = c.param("q");
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        int page = pageParam(c);
        String like = "%" + q.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String where = " FROM wx_material WHERE account = :a AND material_type = :t" + (q.isEmpty() ? ""
                : " AND (LOWER(name) LIKE :q ESCAPE '!' OR LOWER(alias) LIKE :q ESCAPE '!' OR LOWER(note) LIKE :q "
                + "ESCAPE '!' OR media_id = :exact)");
        String finalQ = q;
        long total = c.s.storage().jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT COUNT(*)" + where).bind("a", a.name()).bind("t", type);
            if (!finalQ.isEmpty()) {
                query.bind("q", like).bind("exact", finalQ);
            }
            return query.mapTo(Long.class).one();
        });
        List<MaterialRow> rows = c.s.storage().jdbi().withHandle(h -> {
            var query = h.createQuery("SELECT media_id, material_type, name, url, update_time, alias, note" + where
                    + " ORDER BY update_time DESC, media_id DESC LIMIT :n OFFSET :o").bind("a", a.name())
                    .bind("t", type).bind("n", PER_PAGE).bind("o", (page - 1) * PER_PAGE);
            if (!finalQ.isEmpty()) {
                query.bind("q", like).bind("exact", finalQ);
            }
            return query.map((rs, ctx) -> row(rs)).list();
        });
        if ("news".equals(type)) {
            List<MaterialRow> withArticles = new ArrayList<>();
            for (MaterialRow r : rows) {
                withArticles.add(new MaterialRow(r.mediaId(), r.type(), r.name(), r.url(), r.updated(), r.alias(),
                        r.note(), c.s.storage().materials().articles(a.name(), r.mediaId())));
            }
            rows = withArticles;
        }
        int pages = (int) Math.max(1, (total + PER_PAGE - 1) / PER_PAGE);
        c.render("materials_grid", status, "materials.title", "a", a.name(), "type", type, "q", q, "rows", rows,
                "total", total, "page", page, "pages", pages, "canEdit",
                c.user.can(a.name(), Section.MATERIALS, Level.EDIT), "error", error, "form", form, "kinds",
                MaterialCheck.KINDS);
    }

    static int pageParam(Ctx c) {
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(c.param("page"))));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static MaterialRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new MaterialRow(rs.getString("media_id"), rs.getString("material_type"), nz(rs.getString("name")),
                nz(rs.getString("url")), Instant.ofEpochSecond(rs.getLong("update_time")), nz(rs.getString("alias")),
                nz(rs.getString("note")), List.of());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One stored material with its alias and note (and articles, for news). */
    static Optional<MaterialRow> find(Ctx c, Account a, String mediaId) {
        return c.s.storage().jdbi().withHandle(h -> h.createQuery("SELECT media_id, material_type, name, url, "
                + "update_time, alias, note FROM wx_material WHERE account = :a AND media_id = :m")
                .bind("a", a.name()).bind("m", mediaId).map((rs, ctx) -> row(rs)).findOne())
                .map(r -> "news".equals(r.type()) ? new MaterialRow(r.mediaId(), r.type(), r.name(), r.url(),
                        r.updated(), r.alias(), r.note(), c.s.storage().materials().articles(a.name(), mediaId)) : r);
    }

    /** Every stored image material, newest first, for the cover picker (at most 500). */
    static List<MaterialRow> images(Ctx c, Account a) {
        return c.s.storage().jdbi().withHandle(h -> h.createQuery("SELECT media_id, material_type, name, url, "
                + "update_time, alias, note FROM wx_material WHERE account = :a AND material_type = 'image' ORDER BY "
                + "update_time DESC, media_id DESC").bind("a", a.name()).setMaxRows(500).map((rs, ctx) -> row(rs))
                .list());
    }

    private void sync(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.EDIT);
        JobHandle h;
        try {
            h = c.s.runtime().jobs().start(a, JobKind.MATERIALS, c.who());
        } catch (JobConflictException e) {
            c.s.audit().record(c.who(), a.name(), "job.start", JobKind.MATERIALS.name(), false, null,
                    "already running: job " + e.runningJobId());
            c.redirect("/jobs/" + e.runningJobId(), "jobs.conflict");
            return;
        } catch (WeChatException e) {
            grid(c, a, 502, MaterialError.of(e), MaterialUpload.Form.empty());
            return;
        }
        c.s.audit().record(c.who(), a.name(), "job.start", JobKind.MATERIALS.name() + " " + h.id(), true, null, null);
        c.redirect("/jobs/" + h.id(), null);
    }
}
