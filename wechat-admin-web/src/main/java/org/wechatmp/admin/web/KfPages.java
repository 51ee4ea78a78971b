package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.CustomerServiceApi;
import org.wechatmp.core.client.KfAccount;
import org.wechatmp.core.client.KfOnlineAccount;
import org.wechatmp.core.client.KfRecordPage;
import org.wechatmp.core.client.KfSession;
import org.wechatmp.core.client.KfWaitCases;

/**
 * {@code /a/{a}/kf} (customer-service agents with their online state; add, rename, invite a WeChat user to bind,
 * upload an avatar (a JPEG or PNG file, {@code /kf/avatar}), delete), {@code /kf/sessions} (waiting followers and
 * each agent's sessions; create, close, transfer) and {@code /kf/records} (the chat records of a time range of at
 * most 24 hours, paged by WeChat's cursor). View on {@link Section#MESSAGES} reads, edit changes; every change is
 * audited with WeChat's errcode when it refuses.
 */
final class KfPages {
    static final Pattern KF_ACCOUNT = Pattern.compile("[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,32}");
    static final Pattern WECHAT_ID = Pattern.compile("[A-Za-z][-_A-Za-z0-9]{5,19}");
    static final int RECORDS_PAGE = 100;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    void route(Ctx c, Account a, String rest) throws IOException {
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MESSAGES, Level.VIEW);
                agents(c, a, 200, null, Map.of());
            }
            case "/add", "/update", "/delete", "/invite" -> {
                c.requireMethod("POST");
                AccountPages.need(c, a, Section.MESSAGES, Level.EDIT);
                agentAction(c, a, rest.substring(1));
            }
            case "/avatar" -> {
                c.requireMethod("POST");
                AccountPages.need(c, a, Section.MESSAGES, Level.EDIT);
                avatar(c, a);
            }
            case "/sessions" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MESSAGES, Level.VIEW);
                sessions(c, a, 200, null, Map.of());
            }
            case "/sessions/create", "/sessions/close", "/sessions/transfer" -> {
                c.requireMethod("POST");
                AccountPages.need(c, a, Section.MESSAGES, Level.EDIT);
                sessionAction(c, a, rest.substring("/sessions/".length()));
            }
            case "/records" -> {
                c.requireMethod("GET");
                AccountPages.need(c, a, Section.MESSAGES, Level.VIEW);
                records(c, a);
            }
            default -> throw HttpError.notFound();
        }
    }

    private static CustomerServiceApi kf(Ctx c, Account a) {
        return ReachPages.client(c, a).customerService();
    }

    private void agents(Ctx c, Account a, int status, String error, Map<String, String> typed) throws IOException {
        List<KfAgent> agents = new ArrayList<>();
        String loadError = null;
        try {
            agents = load(kf(c, a));
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            loadError = ReachPages.explain(c, e);
        }
        c.render("kf_agents", status, "reach.kf.title", "account", a.name(), "agents", agents, "error",
                error != null ? error : loadError, "typed", typed, "canEdit",
                c.user.can(a.name(), Section.MESSAGES, Level.EDIT));
    }

    private static List<KfAgent> load(CustomerServiceApi kf) {
        Map<String, KfOnlineAccount> online = kf.onlineAccounts().stream().collect(Collectors.toMap(
                KfOnlineAccount::kfAccount, Function.identity(), (x, y) -> x));
        List<KfAgent> out = new ArrayList<>();
        for (KfAccount k : kf.accounts()) {
            out.add(new KfAgent(k, online.get(k.kfAccount())));
        }
        return out;
    }

    private void agentAction(Ctx c, Account a, String action) throws IOException {
        String account = c.param("kfAccount");
        String nickname = c.param("nickname");
        String wechatId = c.param("wechatId");
        Map<String, String> typed = Map.of("kfAccount", account, "nickname", nickname, "wechatId", wechatId,
                "action", action);
        String invalid = !KF_ACCOUNT.matcher(account).matches() ? "reach.kf.err.account"
                : ("add".equals(action) || "update".equals(action))
                        && (nickname.isEmpty() || nickname.codePointCount(0, nickname.length()) > 16)
                        ? "reach.kf.err.nickname"
                        : "invite".equals(action) && !WECHAT_ID.matcher(wechatId).matches() ? "reach.kf.err.wechatid"
                        : null;
        if (invalid != null) {
            agents(c, a, 400, c.msg.t(invalid), typed);
            return;
        }
        CustomerServiceApi kf = kf(c, a);
        try {
            switch (action) {
                case "add" -> kf.add(account, nickname);
                case "update" -> kf.update(account, nickname);
                case "invite" -> kf.invite(account, wechatId);
                default -> kf.delete(account);
            }
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "kf." + action, account, e);
            agents(c, a, 502, ReachPages.explain(c, e), typed);
            return;
        }
        c.s.audit().record(c.who(), a.name(), "kf." + action, account, true, null,
                "invite".equals(action) ? "invited " + wechatId : "delete".equals(action) ? null : nickname);
        c.redirect("/a/" + a.name() + "/kf", "reach.kf.done." + action);
    }

    private void avatar(Ctx c, Account a) throws IOException {
        String account = c.param("kfAccount");
        if (!KF_ACCOUNT.matcher(account).matches()) {
            agents(c, a, 400, c.msg.t("reach.kf.err.account"), Map.of());
            return;
        }
        KfAvatarUpload upload;
        try {
            upload = KfAvatarUpload.read(c.req);
        } catch (IllegalArgumentException e) {
            agents(c, a, 400, c.msg.t(e.getMessage()), Map.of());
            return;
        }
        try {
            kf(c, a).uploadAvatar(account, upload.fileName(), upload.content());
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "kf.avatar", account, e);
            agents(c, a, 502, ReachPages.explain(c, e), Map.of());
            return;
        }
        c.s.audit().record(c.who(), a.name(), "kf.avatar", account, true, null, upload.content().length + " bytes");
        c.redirect("/a/" + a.name() + "/kf", "reach.kf.done.avatar");
    }

    private void sessions(Ctx c, Account a, int status, String error, Map<String, String> typed) throws IOException {
        List<KfAgent> agents = List.of();
        KfWaitCases waiting = new KfWaitCases(0, List.of());
        Map<String, List<KfSession>> sessions = new LinkedHashMap<>();
        String loadError = null;
        try {
            CustomerServiceApi kf = kf(c, a);
            agents = load(kf);
            waiting = kf.waitCases();
            for (KfAgent g : agents) {
                sessions.put(g.account().kfAccount(), kf.sessions(g.account().kfAccount()));
            }
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            loadError = ReachPages.explain(c, e);
        }
        c.render("kf_sessions", status, "reach.kf.sessions", "account", a.name(), "agents", agents, "waiting",
                waiting, "sessions", sessions, "error", error != null ? error : loadError, "typed", typed, "canEdit",
                c.user.can(a.name(), Section.MESSAGES, Level.EDIT));
    }

    private void sessionAction(Ctx c, Account a, String action) throws IOException {
        String openid = c.param("openid");
        String account = c.param("kfAccount");
        String to = c.param("to");
        Map<String, String> typed = Map.of("openid", openid, "kfAccount", account, "to", to);
        if (!BroadcastForm.OPENID.matcher(openid).matches() || !KF_ACCOUNT.matcher(account).matches()
                || "transfer".equals(action) && (!KF_ACCOUNT.matcher(to).matches() || to.equals(account))) {
            sessions(c, a, 400, c.msg.t("reach.kf.err.session"), typed);
            return;
        }
        CustomerServiceApi kf = kf(c, a);
        String target = openid + " " + account;
        try {
            switch (action) {
                case "create" -> kf.createSession(account, openid);
                case "close" -> kf.closeSession(account, openid);
                default -> transfer(c, a, kf, openid, account, to);
            }
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "kf.session." + action, target + ("transfer".equals(action) ? " -> " + to : ""),
                    e);
            sessions(c, a, 502, ReachPages.explain(c, e), typed);
            return;
        }
        c.s.audit().record(c.who(), a.name(), "kf.session." + action, target, true, null,
                "transfer".equals(action) ? "to " + to : null);
        c.redirect("/a/" + a.name() + "/kf/sessions", "reach.kf.session." + action);
    }

    /** Closes the session with one agent and opens it with another; if that fails, gives it back to the first. */
    private static void transfer(Ctx c, Account a, CustomerServiceApi kf, String openid, String from, String to) {
        kf.closeSession(from, openid);
        try {
            kf.createSession(to, openid);
        } catch (RuntimeException e) {
            try {
                kf.createSession(from, openid);
            } catch (RuntimeException again) {
                c.s.audit().record(c.who(), a.name(), "kf.session.restore", openid + " " + from, false,
                        ReachPages.errcode(again), "the session could not be given back after a failed transfer");
            }
            throw e;
        }
    }

    private void records(Ctx c, Account a) throws IOException {
        Instant now = c.s.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        Instant to = parse(c, c.param("to"), now);
        Instant from = parse(c, c.param("from"), (to == null ? now : to).minus(Duration.ofHours(24)));
        long cursor = c.param("cursor").matches("[0-9]{1,18}") ? Math.max(1, Long.parseLong(c.param("cursor"))) : 1;
        String error = null;
        KfRecordPage page = new KfRecordPage(List.of(), 0, 0);
        if (from == null || to == null || !from.isBefore(to) || Duration.between(from, to).toMinutes() > 24 * 60) {
            error = c.msg.t("reach.kf.err.range");
        } else {
            try {
                page = kf(c, a).records(from.getEpochSecond(), to.getEpochSecond(), cursor, RECORDS_PAGE);
            } catch (RuntimeException e) {
                if (!ReachPages.wechat(e)) {
                    throw e;
                }
                error = ReachPages.explain(c, e);
            }
        }
        c.render("kf_records", error == null ? 200 : 400, "reach.kf.records", "account", a.name(), "page", page,
                "from", c.param("from").isEmpty() && from != null ? LOCAL.format(from.atZone(c.zone)) : c.param("from"),
                "to", c.param("to").isEmpty() && to != null ? LOCAL.format(to.atZone(c.zone)) : c.param("to"),
                "next", page.number() >= RECORDS_PAGE && page.nextMsgId() > cursor ? page.nextMsgId() : 0L,
                "error", error);
    }

    private static Instant parse(Ctx c, String value, Instant fallback) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(value, LOCAL).atZone(c.zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
