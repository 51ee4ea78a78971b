package org.wechatmp.admin.web;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatHttpException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.EncryptMode;

/**
 * {@code /accounts} (the accounts the user may see; add for superusers) and the account-scoped pages
 * {@code /a/{account}/...}: an account the user has no grant on answers 404, a write without the level 403.
 */
final class AccountPages {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);
    private final AccountSections sections;

    AccountPages(AccountSections sections) {
        this.sections = sections;
    }

    void close() {
        sections.close();
    }

    void route(Ctx c) throws IOException {
        String path = c.path;
        if ("/accounts".equals(path)) {
            c.requireMethod("GET");
            List<Account> visible = c.s.runtime().accounts().all().stream().filter(a -> c.user.sees(a.name()))
                    .sorted(java.util.Comparator.comparing(Account::name))
                    .toList();
            c.render("accounts", 200, "accounts.title", "accounts", visible, "callbackBase", c.callbackUrl(""));
            return;
        }
        if ("/accounts/new".equals(path)) {
            c.requireSuperuser();
            c.requireMethod("GET", "POST");
            if (!c.post()) {
                c.render("account_form", 200, "accounts.new", "form", AccountForm.empty(), "isNew", true,
                        "error", null, "callbackUrl", null, "test", null);
                return;
            }
            save(c, null);
            return;
        }
        if (!path.startsWith("/a/")) {
            throw HttpError.notFound();
        }
        String rest = path.substring(3);
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? null : rest.substring(slash);
        Account account = visible(c, name);
        if (sub == null) {
            c.redirect("/a/" + account.name() + "/", null);
            return;
        }
        switch (sub) {
            case "/" -> {
                c.requireMethod("GET");
                c.render("overview", 200, "overview.title", "account", account, "sections", Section.values(),
                        "callbackUrl", c.callbackUrl(account.name()));
            }
            case "/settings" -> settings(c, account);
            case "/settings/test" -> test(c, account);
            case "/delete" -> delete(c, account);
            default -> {
                int end = sub.indexOf('/', 1);
                String segment = end < 0 ? sub.substring(1) : sub.substring(1, end);
                SectionPages pages = sections.find(segment).orElseThrow(HttpError::notFound);
                pages.route(c, account, segment, end < 0 ? "" : sub.substring(end));
            }
        }
    }

    /** The account if it exists and the user has any grant on it; otherwise 404 (existence is not revealed). */
    static Account visible(Ctx c, String name) {
        if (!c.user.sees(name)) {
            throw HttpError.notFound();
        }
        return c.s.runtime().accounts().find(name).orElseThrow(HttpError::notFound);
    }

    static void need(Ctx c, Account a, Section section, Level level) {
        if (!c.user.can(a.name(), section, level)) {
            throw HttpError.forbidden();
        }
    }

    private void settings(Ctx c, Account a) throws IOException {
        c.requireMethod("GET", "POST");
        need(c, a, Section.SETTINGS, c.post() ? Level.EDIT : Level.VIEW);
        if (!c.post()) {
            c.render("account_form", 200, "accounts.edit", "form", AccountForm.of(a), "isNew", false, "error", null,
                    "callbackUrl", c.callbackUrl(a.name()), "test", null);
            return;
        }
        save(c, a);
    }

    private void save(Ctx c, Account old) throws IOException {
        boolean isNew = old == null;
        String name = isNew ? c.param("name") : old.name();
        Map<String, String> options = new HashMap<>(isNew ? Map.of() : old.options());
        String error = null;
        Account a = null;
        try {
            if (isNew && c.s.runtime().accounts().find(name).isPresent()) {
                throw new IllegalArgumentException("accounts.exists");
            }
            if (c.param("appId").isEmpty() || c.param("appId").length() > 64) {
                throw new IllegalArgumentException("accounts.badappid");
            }
            option(options, "api_base", c.param("apiBase"));
            option(options, "oauth_url", c.param("oauthUrl"));
            option(options, "token_url", c.param("tokenUrl"));
            String secret = keep(c.raw("secret"), old == null ? "" : old.secret(), c.param("clearSecret"));
            String token = keep(c.raw("token"), old == null ? "" : old.token(), c.param("clearToken"));
            String aesKey = keep(c.raw("aesKey"), old == null ? "" : old.aesKey(), c.param("clearAesKey"));
            if (!aesKey.isEmpty() && !aesKey.matches("[A-Za-z0-9]{43}")) {
                throw new IllegalArgumentException("accounts.badaeskey");
            }
            EncryptMode mode = EncryptMode.valueOf(AccountForm.MODES.contains(c.param("encryptMode"))
                    ? c.param("encryptMode") : "PLAIN");
            if (mode != EncryptMode.PLAIN && aesKey.isEmpty()) {
                throw new IllegalArgumentException("accounts.needaeskey");
            }
            Account.Type type = Account.Type.valueOf(AccountForm.TYPES.contains(c.param("type"))
                    ? c.param("type") : "SERVICE");
            if (!name.matches("[-_a-zA-Z0-9]{1,64}")) {
                throw new IllegalArgumentException("accounts.badname");
            }
            String title = c.param("title");
            if (title.length() > 128) {
                throw new IllegalArgumentException("accounts.badtitle");
            }
            a = new Account(name, title.isEmpty() ? name : title, type, c.param("appId"), secret, token, aesKey,
                    mode, "on".equals(c.param("logMessages")), "on".equals(c.param("logReplies")), options);
        } catch (IllegalArgumentException e) {
            error = e.getMessage() != null && e.getMessage().startsWith("accounts.") ? e.getMessage()
                    : "accounts.invalid";
        }
        if (error != null) {
            AccountForm shown = new AccountForm(name, c.param("title"), c.param("type"), c.param("appId"),
                    c.param("encryptMode"), "on".equals(c.param("logMessages")), "on".equals(c.param("logReplies")),
                    c.param("apiBase"), c.param("oauthUrl"), c.param("tokenUrl"),
                    old != null && !old.secret().isEmpty(), old != null && !old.token().isEmpty(),
                    old != null && !old.aesKey().isEmpty());
            c.render("account_form", 400, isNew ? "accounts.new" : "accounts.edit", "form", shown, "isNew", isNew,
                    "error", error, "callbackUrl", isNew ? null : c.callbackUrl(name), "test", null);
            return;
        }
        c.s.storage().accounts().save(a);
        c.s.audit().record(c.who(), a.name(), isNew ? "account.create" : "account.update", a.name(), true, null,
                null);
        c.redirect("/a/" + a.name() + "/settings", "saved");
    }

    private static String keep(String typed, String old, String clear) {
        if ("on".equals(clear)) {
            return "";
        }
        return typed.isEmpty() ? old : typed.trim();
    }

    private static void option(Map<String, String> options, String key, String value) {
        if (value.isEmpty()) {
            options.remove(key);
            return;
        }
        URI u;
        try {
            u = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accounts.badurl");
        }
        if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                || value.length() > 512) {
            throw new IllegalArgumentException("accounts.badurl");
        }
        options.put(key, value.replaceAll("/+$", ""));
    }

    private void test(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        need(c, a, Section.SETTINGS, Level.EDIT);
        TestResult result;
        // a fresh client and token store: the test really asks WeChat (or the configured API base) for a token
        WeChatClient client = WeChatClient.builder(a).tokenStore(new InMemoryTokenStore(c.s.clock()))
                .clock(c.s.clock()).build();
        try {
            client.accessToken();
            result = new TestResult(true, null, "accounts.test.ok");
            c.s.audit().record(c.who(), a.name(), "wechat.token", a.name(), true, null, null);
        } catch (WeChatApiException e) {
            result = new TestResult(false, e.errcode(), e.getMessage());
            c.s.audit().record(c.who(), a.name(), "wechat.token", a.name(), false, e.errcode(), e.errmsg());
        } catch (WeChatHttpException e) {
            result = new TestResult(false, null, e.getMessage());
            c.s.audit().record(c.who(), a.name(), "wechat.token", a.name(), false, null, e.getMessage());
        } catch (WeChatException e) {
            LOG.info("credentials test of {} failed: {}", a.name(), e.getMessage());
            result = new TestResult(false, null, e.getMessage());
            c.s.audit().record(c.who(), a.name(), "wechat.token", a.name(), false, null, e.getMessage());
        }
        c.render("account_form", 200, "accounts.edit", "form", AccountForm.of(a), "isNew", false,
                "error", null, "callbackUrl", c.callbackUrl(a.name()), "test", result);
    }

    private void delete(Ctx c, Account a) throws IOException {
        c.requireSuperuser();
        c.requireMethod("GET", "POST");
        if (!c.post()) {
            c.render("account_delete", 200, "accounts.delete", "account", a);
            return;
        }
        c.s.storage().accounts().delete(a.name());
        c.s.admins().dropAccount(a.name());
        c.s.audit().record(c.who(), a.name(), "account.delete", a.name(), true, null, null);
        c.redirect("/accounts", "accounts.deleted");
    }
}
