package org.wechatmp.admin.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.PageRequest;

/**
 * The follower list's search, filters, order and page as they stand in the URL ({@code ?q=&subscribed=&tag=&sex=
 * &scene=&from=&to=&note=&sort=&dir=&page=&size=}), validated: a bad value answers 400, never a stack trace.
 *
 * @param q the search text ({@code =openid} for an exact id), or empty
 * @param subscribed {@code 1}, {@code 0} or empty
 * @param tag a tag id or empty
 * @param sex {@code 0}, {@code 1}, {@code 2} or empty
 * @param scene a subscribe scene or empty
 * @param from the first subscribe day ({@code yyyy-MM-dd}) or empty
 * @param to the last subscribe day or empty
 * @param note {@code 1} (with a note), {@code 0} (without) or empty
 * @param sort {@code time}, {@code nickname} or {@code openid}
 * @param dir {@code desc} or {@code asc}
 * @param page the page number, from 1
 * @param size the page size
 */
record FollowerFilter(String q, String subscribed, String tag, String sex, String scene, String from, String to,
        String note, String sort, String dir, int page, int size) {
    /** The page sizes offered. */
    static final Set<Integer> SIZES = Set.of(20, 50, 100);
    /** The deepest page offered (offset paging costs its offset). */
    static final int MAX_PAGE = 50_000;
    private static final Pattern SCENE = Pattern.compile("[A-Z_]{1,64}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Reads and validates the request's parameters.
     *
     * @param c the request
     * @return the filter
     * @throws HttpError 400 on a value out of range
     */
    static FollowerFilter of(Ctx c) {
        String q = c.param("q");
        if (q.codePointCount(0, q.length()) > 64) {
            throw new HttpError(400, "followers.bad.search");
        }
        String tag = c.param("tag");
        if (!tag.isEmpty() && !tag.matches("\\d{1,9}")) {
            throw new HttpError(400, "followers.bad.filter");
        }
        String scene = c.param("scene");
        if (!scene.isEmpty() && !SCENE.matcher(scene).matches()) {
            throw new HttpError(400, "followers.bad.filter");
        }
        String from = day(c.param("from"));
        String to = day(c.param("to"));
        String sort = Set.of("time", "nickname", "openid").contains(c.param("sort")) ? c.param("sort") : "time";
        String dir = "asc".equals(c.param("dir")) ? "asc" : "desc";
        int page = number(c.param("page"), 1);
        if (page < 1 || page > MAX_PAGE) {
            throw new HttpError(400, "followers.bad.page");
        }
        int size = number(c.param("size"), 50);
        if (!SIZES.contains(size)) {
            size = 50;
        }
        return new FollowerFilter(q, oneOf(c.param("subscribed"), "1", "0"), tag, oneOf(c.param("sex"), "0", "1",
                "2"), scene, from, to, oneOf(c.param("note"), "1", "0"), sort, dir, page, size);
    }

    private static String oneOf(String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        if (!v.isEmpty()) {
            throw new HttpError(400, "followers.bad.filter");
        }
        return "";
    }

    private static String day(String v) {
        if (v.isEmpty()) {
            return v;
        }
        try {
            if (!DAY.matcher(v).matches()) {
                throw new DateTimeException(v);
            }
            LocalDate.parse(v);
            return v;
        } catch (DateTimeException e) {
            throw new HttpError(400, "followers.bad.date");
        }
    }

    private static int number(String v, int dflt) {
        if (v.isEmpty()) {
            return dflt;
        }
        if (!v.matches("\\d{1,6}")) {
            throw new HttpError(400, "followers.bad.page");
        }
        return Integer.parseInt(v);
    }

    /**
     * The repository query of this filter.
     *
     * @param zone the user's zone (for the day range)
     * @param request which rows
     * @return the query
     */
    FollowerQuery query(ZoneId zone, PageRequest request) {
        FollowerQuery.Sort key = switch (sort) {
            case "nickname" -> FollowerQuery.Sort.NICKNAME;
            case "openid" -> FollowerQuery.Sort.OPENID;
            default -> FollowerQuery.Sort.SUBSCRIBE_TIME;
        };
        return FollowerQuery.builder().search(q.isEmpty() ? null : q)
                .subscribed(subscribed.isEmpty() ? null : "1".equals(subscribed))
                .tagId(tag.isEmpty() ? null : Integer.valueOf(tag)).sex(sex.isEmpty() ? null : Integer.valueOf(sex))
                .scene(scene.isEmpty() ? null : scene)
                .subscribedBetween(from.isEmpty() ? null : LocalDate.parse(from).atStartOfDay(zone).toInstant(),
                        to.isEmpty() ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(zone).toInstant())
                .hasNote(note.isEmpty() ? null : "1".equals(note)).sort(key, "desc".equals(dir)).page(request)
                .build();
    }

    /**
     * The query of the page this filter names.
     *
     * @param zone the user's zone
     * @return the query
     */
    FollowerQuery pageQuery(ZoneId zone) {
        return query(zone, PageRequest.ofPage(page, size));
    }

    /** Every parameter that is set, in a stable order. */
    Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("subscribed", subscribed);
        m.put("tag", tag);
        m.put("sex", sex);
        m.put("scene", scene);
        m.put("from", from);
        m.put("to", to);
        m.put("note", note);
        m.put("sort", "time".equals(sort) ? "" : sort);
        m.put("dir", "desc".equals(dir) ? "" : dir);
        m.put("page", page == 1 ? "" : String.valueOf(page));
        m.put("size", size == 50 ? "" : String.valueOf(size));
        return m;
    }

    /**
     * The query string of this filter with some parameters changed (empty values dropped).
     *
     * @param changes name, value, name, value...
     * @return the query string, empty or starting with {@code ?}
     */
    String with(String... changes) {
        Map<String, String> m = params();
        for (int i = 0; i < changes.length; i += 2) {
            m.put(changes[i], changes[i + 1]);
        }
        String s = m.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return s.isEmpty() ? "" : "?" + s;
    }

    /** This filter's query string (the current page). */
    String query() {
        return with();
    }

    /** The link of a column header: sort by it, flipping the direction when it is already the sort. */
    String sortBy(String key) {
        String d = key.equals(sort) && "desc".equals(dir) ? "asc" : "desc";
        return with("sort", key, "dir", d, "page", "");
    }

    /** The link of another page. */
    String toPage(int n) {
        return with("page", n <= 1 ? "" : String.valueOf(n));
    }

    /** Whether any filter or search is set. */
    boolean filtered() {
        return !(q + subscribed + tag + sex + scene + from + to + note).isEmpty();
    }
}
