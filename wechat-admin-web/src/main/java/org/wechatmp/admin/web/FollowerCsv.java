package org.wechatmp.admin.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * {@code /a/{a}/followers/export.csv}: every follower of the list's filter as CSV (UTF-8 with a BOM, for Excel),
 * streamed in constant memory: keyset pages of {@value #CHUNK} in openid order, each written and flushed before the
 * next is read, never one big list. Cells starting with {@code = + - @}, a tab or a carriage return are prefixed
 * with {@code '} so that a spreadsheet does not run them as formulas.
 */
final class FollowerCsv {
    static final int CHUNK = 1_000;
    static final List<String> HEADER = List.of("openid", "unionid", "nickname", "remark", "sex", "subscribed",
            "subscribe_time", "subscribe_scene", "qr_scene", "qr_scene_str", "tags", "note", "language", "city",
            "province", "country");
    private final FollowerStore store;

    FollowerCsv(FollowerStore store) {
        this.store = store;
    }

    void export(Ctx c, Account account, FollowerFilter f) throws IOException {
        Map<Integer, String> names = c.s.storage().tags().tags(account.name()).stream()
                .collect(Collectors.toMap(Tag::id, Tag::name, (x, y) -> x));
        c.resp.setStatus(200);
        c.resp.setContentType("text/csv;charset=UTF-8");
        c.resp.setHeader("Content-Disposition", "attachment; filename=\"followers-" + account.name() + ".csv\"");
        c.resp.setHeader("Cache-Control", "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(c.resp.getOutputStream(), StandardCharsets.UTF_8));
        long rows = write(c.s.storage().users(), store, account.name(), f.query(c.zone, first()), names, c.zone,
                out);
        out.flush();
        c.s.audit().record(c.who(), account.name(), "followers.export", "export.csv", true, null,
                rows + " rows" + (f.filtered() ? " " + f.query() : ""));
    }

    private static PageRequest first() {
        return new PageRequest(0, CHUNK, null, 0);
    }

    /**
     * Writes the header and every follower of a query, keyset page after keyset page (the query's order is
     * replaced by openid order).
     *
     * @return the rows written
     */
    static long write(UserRepository users, FollowerStore store, String account, FollowerQuery query,
            Map<Integer, String> names, ZoneId zone, Writer out) throws IOException {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        out.write('\uFEFF');
        line(out, HEADER);
        FollowerQuery q = query.toBuilder().sort(FollowerQuery.Sort.OPENID, false).page(first()).build();
        long rows = 0;
        while (true) {
            Page<WeChatUser> page = users.query(account, q);
            Map<String, List<Integer>> tags = store == null ? Map.of()
                    : store.tagsOf(account, page.items().stream().map(WeChatUser::openid).toList());
            for (WeChatUser u : page.items()) {
                line(out, List.of(u.openid(), nz(u.unionid()), nz(u.nickname()), nz(u.remark()),
                        String.valueOf(u.sex()), u.subscribed() == null ? "" : u.subscribed() ? "1" : "0",
                        u.subscribeTime() == null ? "" : time.format(u.subscribeTime()), nz(u.subscribeScene()),
                        String.valueOf(u.qrScene()), nz(u.qrSceneStr()),
                        tags.getOrDefault(u.openid(), List.of()).stream()
                                .map(id -> names.getOrDefault(id, String.valueOf(id))).collect(Collectors.joining(";")),
                        nz(u.note()), nz(u.language()), nz(u.city()), nz(u.province()), nz(u.country())));
                rows++;
            }
            out.flush();
            if (!page.hasNext() || page.items().isEmpty()) {
                return rows;
            }
            // keyset: the next chunk starts after this one's last openid
            q = q.toBuilder().page(q.page().after(page.items().get(page.items().size() - 1).openid())).build();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * One CSV cell: a formula-like start ({@code = + - @}, tab, carriage return) prefixed with {@code '}, then
     * quoted when it holds a comma, a quote or a line break.
     *
     * @param v the value
     * @return the cell
     */
    static String cell(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
