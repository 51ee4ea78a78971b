package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.spi.StoredMaterial;
import org.wechatmp.core.sync.MaterialCleanup;

/**
 * Deleting materials, in WeChat first ({@code del_material}) and then locally. {@code /a/{a}/materials/{id}/delete}
 * shows where the material is still referenced before its confirmation; {@code /a/{a}/materials/unused} lists what
 * nothing references (core's {@link MaterialCleanup}, drafts and published articles included, and here also the
 * message log and other sections' audit rows, so an old broadcast keeps its news), then selected ones are confirmed
 * on a second page and deleted.
 */
final class MaterialDeletes {
    private static final int MAX_SELECTED = 200;

    private MaterialDeletes() {
    }

    static void one(Ctx c, Account a, MaterialRow row) throws IOException {
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.EDIT : Level.VIEW);
        MaterialUses found = MaterialUses.find(c.s, a, List.of(MaterialPages.stored(row)));
        List<MaterialUses.Use> uses = found.of(row.mediaId());
        MaterialError unchecked = found.remoteError();
        if (!c.post()) {
            c.render("materials_delete", 200, "materials.delete", "a", a.name(), "row", row, "uses", uses, "error",
                    null, "unchecked", unchecked);
            return;
        }
        if ((!uses.isEmpty() || unchecked != null) && !"on".equals(c.param("anyway"))) {
            c.render("materials_delete", 400, "materials.delete", "a", a.name(), "row", row, "uses", uses, "error",
                    MaterialError.of("materials.delete.confirmused"), "unchecked", unchecked);
            return;
        }
        try {
            c.s.runtime().client(a).materials().delete(row.mediaId());
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "material.delete", row.mediaId(), false,
                    e instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            c.render("materials_delete", 502, "materials.delete", "a", a.name(), "row", row, "uses", uses, "error",
                    MaterialError.of(e), "unchecked", unchecked);
            return;
        }
        c.s.storage().materials().delete(a.name(), row.mediaId());
        c.s.audit().record(c.who(), a.name(), "material.delete", row.mediaId(), true, null,
                row.type() + " " + row.label() + (uses.isEmpty() ? "" : "; still referenced " + uses.size() + "x"));
        c.redirect("/a/" + a.name() + "/materials?type=" + row.type(), "materials.deleted");
    }

    static void unused(Ctx c, Account a) throws IOException {
        c.requireMethod("GET", "POST");
        AccountPages.need(c, a, Section.MATERIALS, c.post() ? Level.EDIT : Level.VIEW);
        MaterialCleanup cleanup = new MaterialCleanup(c.s.storage().materials(), c.s.storage().handlers(),
                c.s.storage().menus(), c.s.storage().syncStates(), c.s.clock());
        List<MaterialRow> rows;
        try {
            rows = unusedRows(c, a, cleanup);
        } catch (WeChatException e) {
            render(c, a, 502, List.of(), List.of(), MaterialError.of(e));
            return;
        }
        if (!c.post()) {
            render(c, a, 200, rows, List.of(), null);
            return;
        }
        Set<String> asked = new LinkedHashSet<>();
        String[] ids = c.req.getParameterValues("id");
        if (ids != null) {
            for (String id : ids) {
                if (MaterialPages.ID.matcher(id).matches() && asked.size() < MAX_SELECTED) {
                    asked.add(id);
                }
            }
        }
        // only what is still unused now: something may have started using a material since the list was shown
        List<MaterialRow> selected = rows.stream().filter(r -> asked.contains(r.mediaId())).toList();
        if (selected.isEmpty()) {
            render(c, a, 400, rows, List.of(), MaterialError.of("materials.unused.noneselected"));
            return;
        }
        if (!"yes".equals(c.param("confirm"))) {
            render(c, a, 200, rows, selected, null);
            return;
        }
        List<String> deleted;
        try {
            deleted = cleanup.delete(a, c.s.runtime().client(a), selected.stream().map(MaterialRow::mediaId).toList());
        } catch (WeChatException e) {
            // a failed run is a SyncException whose cause is WeChat's answer
            WeChatException cause = e.getCause() instanceof WeChatApiException api ? api : e;
            c.s.audit().record(c.who(), a.name(), "material.cleanup", selected.size() + " selected", false,
                    cause instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            MaterialError error = cause instanceof WeChatApiException ? MaterialError.of(cause)
                    : new MaterialError("materials.unused.failed", null, e.getMessage());
            render(c, a, 502, unusedRows(c, a, cleanup), List.of(), error);
            return;
        }
        for (String id : deleted) {
            c.s.audit().record(c.who(), a.name(), "material.delete", id, true, null, "unused cleanup");
        }
        c.s.audit().record(c.who(), a.name(), "material.cleanup", deleted.size() + " deleted", true, null, null);
        c.redirect("/a/" + a.name() + "/materials/unused", "materials.unused.deleted");
    }

    private static List<MaterialRow> unusedRows(Ctx c, Account a, MaterialCleanup cleanup) {
        Set<String> unused = cleanup.unused(a, c.s.runtime().client(a));
        List<MaterialRow> candidates = new ArrayList<>();
        for (String id : unused) {
            MaterialPages.find(c, a, id).ifPresent(candidates::add);
        }
        List<StoredMaterial> stored = candidates.stream().map(MaterialPages::stored).toList();
        MaterialUses uses = MaterialUses.find(c.s, a, stored);
        return candidates.stream().filter(r -> uses.of(r.mediaId()).isEmpty()).toList();
    }

    private static void render(Ctx c, Account a, int status, List<MaterialRow> rows, List<MaterialRow> selected,
            MaterialError error) throws IOException {
        c.render("materials_unused", status, "materials.unused", "a", a.name(), "rows", rows, "selected", selected,
                "canEdit", c.user.can(a.name(), Section.MATERIALS, Level.EDIT), "error", error);
    }
}
