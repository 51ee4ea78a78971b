package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.wechatmp.admin.auth.AdminUser;
import org.wechatmp.admin.auth.Grant;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;

/** {@code /admins} and {@code /admins/{id}}: admin users and their grants; superusers only. */
final class AdminPages {

    void route(Ctx c) throws IOException {
        c.requireSuperuser();
        if ("/admins".equals(c.path)) {
            c.requireMethod("GET", "POST");
            if (c.post()) {
                create(c);
            } else {
                list(c, 200, null);
            }
            return;
        }
        String rest = c.path.substring("/admins/".length());
        boolean password = rest.endsWith("/password");
        String idText = password ? rest.substring(0, rest.length() - "/password".length()) : rest;
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw HttpError.notFound();
        }
        AdminUser target = c.s.admins().find(id).orElseThrow(HttpError::notFound);
        if (password) {
            c.requireMethod("POST");
            resetPassword(c, target);
        } else {
            c.requireMethod("GET", "POST");
            if (c.post()) {
                update(c, target);
            } else {
                edit(c, target, 200, null);
            }
        }
    }

    private void list(Ctx c, int status, String error) throws IOException {
        c.render("admins", status, "admins.title", "admins", c.s.admins().all(), "error", error);
    }

    private void create(Ctx c) throws IOException {
        String username = c.param("username");
        if (!c.raw("password").equals(c.raw("confirm"))) {
            list(c, 400, "error.confirm");
            return;
        }
        long id;
        try {
            id = c.s.admins().create(username, c.raw("password"), "on".equals(c.param("superuser")));
        } catch (IllegalArgumentException e) {
            list(c, 400, e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (c.s.admins().all().stream().anyMatch(u -> u.username().equals(username))) {
                list(c, 400, "admins.exists");
                return;
            }
            throw e;
        }
        c.s.audit().record(c.who(), null, "admin.create", username, true, null,
                "on".equals(c.param("superuser")) ? "superuser" : null);
        c.redirect("/admins/" + id, "saved");
    }

    private List<String> accounts(Ctx c) {
        return c.s.runtime().accounts().all().stream().map(Account::name).sorted(Comparator.naturalOrder()).toList();
    }

    private void edit(Ctx c, AdminUser target, int status, String error) throws IOException {
        c.render("admin_edit", status, "admins.edit", "target", target, "accounts", accounts(c), "sections",
                Section.values(), "levels", Level.values(), "error", error);
    }

    private void update(Ctx c, AdminUser target) throws IOException {
        boolean superuser = "on".equals(c.param("superuser"));
        boolean active = "on".equals(c.param("active"));
        if (target.id() == c.user.id() && (!superuser || !active)) {
            edit(c, target, 400, "admins.notself");
            return;
        }
        List<Grant> grants = new ArrayList<>();
        for (String account : accounts(c)) {
            for (Section section : Section.values()) {
                Optional<Level> level = Level.parse(c.param("g." + account + "." + section.key()));
                level.ifPresent(l -> grants.add(new Grant(account, section, l)));
            }
        }
        c.s.admins().flags(target.id(), superuser, active);
        c.s.admins().grants(target.id(), grants);
        c.s.audit().record(c.who(), null, "admin.update", target.username(), true, null,
                (superuser ? "superuser " : "") + (active ? "active " : "inactive ") + grants.size() + " grants");
        c.redirect("/admins/" + target.id(), "saved");
    }

    private void resetPassword(Ctx c, AdminUser target) throws IOException {
        if (!c.raw("password").equals(c.raw("confirm"))) {
            edit(c, target, 400, "error.confirm");
            return;
        }
        try {
            c.s.admins().password(target.id(), c.raw("password"));
        } catch (IllegalArgumentException e) {
            edit(c, target, 400, e.getMessage());
            return;
        }
        c.s.audit().record(c.who(), null, "admin.password", target.username(), true, null, null);
        c.redirect("/admins/" + target.id(), "admins.passwordreset");
    }
}
