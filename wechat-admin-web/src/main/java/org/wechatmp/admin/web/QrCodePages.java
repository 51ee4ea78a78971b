package org.wechatmp.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.QrCode;

/**
 * {@code /a/{account}/qrcodes}: parametric QR codes with a scene string, temporary (up to 30 days) or permanent;
 * the list shows expiry, followers acquired and scans per scene ({@link StatsQueries}); {@code /qrcodes/{id}.png}
 * serves the image fetched on the server ({@link QrImages}), {@code ?download=1} as a file. Followers section: view
 * to read, edit to create.
 */
final class QrCodePages implements SectionPages {
    private static final Logger LOG = LoggerFactory.getLogger(QrCodePages.class);
    static final int MAX_DAYS = 30;
    private final QrImages images = new QrImages();

    /**
     * What the create form holds (kept on an error).
     *
     * @param scene the scene string
     * @param kind {@code temporary} or {@code permanent}
     * @param days the lifetime of a temporary code
     * @param label the label
     */
    record QrForm(String scene, String kind, String days, String label) {
        static QrForm empty() {
            return new QrForm("", "temporary", "30", "");
        }
    }

    /**
     * A code as the list shows it.
     *
     * @param row the code
     * @param expired whether it has expired
     * @param acquired followers acquired through its scene
     * @param scans scans of its scene by followers
     */
    record QrView(QrCodeStore.QrRow row, boolean expired, long acquired, long scans) {
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if (rest.isEmpty()) {
            c.requireMethod("GET", "POST");
            AccountPages.need(c, account, Section.FOLLOWERS, c.post() ? Level.EDIT : Level.VIEW);
            if (c.post()) {
                create(c, account);
            } else {
                list(c, account, QrForm.empty(), null, 200);
            }
            return;
        }
        if (rest.matches("/[0-9]{1,18}\\.png")) {
            c.requireMethod("GET");
            AccountPages.need(c, account, Section.FOLLOWERS, Level.VIEW);
            image(c, account, Long.parseLong(rest.substring(1, rest.length() - 4)));
            return;
        }
        throw HttpError.notFound();
    }

    private void list(Ctx c, Account account, QrForm form, String error, int status) throws IOException {
        String q = StatsCounter.cut(c.param("q"), 64);
        int page = 0;
        if (c.param("page").matches("[0-9]{1,6}")) {
            page = Integer.parseInt(c.param("page"));
        }
        QrCodeStore store = new QrCodeStore(c.s.storage().jdbi());
        List<QrCodeStore.QrRow> rows = store.list(account.name(), q, page);
        boolean more = rows.size() > QrCodeStore.PAGE;
        rows = more ? rows.subList(0, QrCodeStore.PAGE) : rows;
        List<String> scenes = rows.stream().map(QrCodeStore.QrRow::scene).distinct().toList();
        StatsQueries stats = new StatsQueries(c.s.storage().jdbi());
        Map<String, Long> acquired = stats.acquired(account.name(), scenes);
        Map<String, Long> scans = stats.scans(account.name(), scenes);
        Instant now = c.s.clock().instant();
        List<QrView> views = rows.stream().map(r -> new QrView(r, r.expired(now), acquired.getOrDefault(r.scene(), 0L),
                scans.getOrDefault(r.scene(), 0L))).toList();
        boolean canEdit = c.user.can(account.name(), Section.FOLLOWERS, Level.EDIT);
        c.render("qrcodes_list", status, "qrcodes.title", "account", account.name(), "codes", views, "form", form,
                "error", error, "canEdit", canEdit, "q", q, "page", page, "more", more);
    }

    private void create(Ctx c, Account account) throws IOException {
        QrForm form = new QrForm(c.param("scene"), "permanent".equals(c.param("kind")) ? "permanent" : "temporary",
                c.param("days"), c.param("label"));
        boolean permanent = "permanent".equals(form.kind());
        String scene = form.scene();
        String invalid = null;
        int days = 0;
        if (scene.isEmpty() || scene.codePointCount(0, scene.length()) > 64
                || scene.chars().anyMatch(Character::isISOControl)) {
            invalid = "qrcodes.badscene";
        } else if (form.label().length() > 128) {
            invalid = "qrcodes.badlabel";
        } else if (!permanent) {
            days = form.days().matches("[0-9]{1,3}") ? Integer.parseInt(form.days()) : 0;
            if (days < 1 || days > MAX_DAYS) {
                invalid = "qrcodes.baddays";
            }
        }
        if (invalid != null) {
            list(c, account, form, c.msg.t(invalid, MAX_DAYS), 400);
            return;
        }
        QrCode code;
        try {
            code = permanent ? c.s.runtime().client(account).qrCodes().permanent(scene)
                    : c.s.runtime().client(account).qrCodes().temporary(scene, Duration.ofDays(days));
        } catch (WeChatApiException e) {
            c.s.audit().record(c.who(), account.name(), "qrcode.create", scene, false, e.errcode(), e.errmsg());
            list(c, account, form, wechatError(c.msg, e), 502);
            return;
        } catch (WeChatException e) {
            LOG.info("QR code for {} failed: {}", account.name(), e.getMessage());
            c.s.audit().record(c.who(), account.name(), "qrcode.create", scene, false, null, e.getMessage());
            list(c, account, form, c.msg.t("qrcodes.unreachable"), 502);
            return;
        }
        Instant now = c.s.clock().instant();
        Instant expires = permanent ? null : now.plusSeconds(code.expireSeconds() > 0 ? code.expireSeconds()
                : Duration.ofDays(days).toSeconds());
        long id = new QrCodeStore(c.s.storage().jdbi()).insert(account.name(), scene, permanent,
                form.label().isEmpty() ? null : form.label(), code.ticket(), code.url(), expires, now, c.who());
        c.s.audit().record(c.who(), account.name(), "qrcode.create", scene, true, null,
                (permanent ? "permanent" : "temporary " + days + "d") + " #" + id);
        c.redirect("/a/" + account.name() + "/qrcodes", "qrcodes.created");
    }

    /** WeChat's error in the user's language where known, with its errcode and errmsg. */
    static String wechatError(Msg m, WeChatApiException e) {
        String key = "stats.errcode." + e.errcode();
        String known = m.t(key);
        return m.t("qrcodes.wechaterror", String.valueOf(e.errcode()), known.equals(key) ? e.errmsg() : known);
    }

    private void image(Ctx c, Account account, long id) throws IOException {
        QrCodeStore.QrRow row = new QrCodeStore(c.s.storage().jdbi()).find(account.name(), id)
                .orElseThrow(HttpError::notFound);
        Optional<QrImages.Image> img;
        try {
            img = images.fetch(account, row.ticket());
        } catch (IOException e) {
            LOG.info("QR image of {} #{} not fetched: {}", account.name(), id, e.getMessage());
            throw new HttpError(502, "qrcodes.imagefailed");
        }
        if (img.isEmpty()) {
            throw new HttpError(404, "qrcodes.noimage");
        }
        byte[] body = img.get().bytes();
        c.resp.setStatus(200);
        c.resp.setContentType(img.get().contentType());
        c.resp.setHeader("Cache-Control", "private, max-age=3600");
        c.resp.setHeader("X-Content-Type-Options", "nosniff");
        if ("1".equals(c.param("download"))) {
            String name = "qrcode-" + row.id() + (img.get().contentType().endsWith("png") ? ".png" : ".jpg");
            c.resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        c.resp.setContentLength(body.length);
        c.resp.getOutputStream().write(body);
    }
}
