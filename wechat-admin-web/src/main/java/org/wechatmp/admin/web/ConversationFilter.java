package org.wechatmp.admin.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.spi.PageRequest;

/**
 * The message log's filters as they stand in the URL ({@code ?direction=&type=&event=&handler=&openid=&from=&to=&q=}),
 * and the keyset cursor ({@code after}).
 *
 * @param direction {@code in}, {@code out} or empty
 * @param type a message type or empty
 * @param event an event or empty (lower case, as the callback pipeline logs events)
 * @param handler a handler name or empty
 * @param openid a follower or empty
 * @param from the first day (yyyy-MM-dd, the user's zone) or empty
 * @param to the last day, included, or empty
 * @param q text the message contains, or empty
 * @param after the cursor of the page, or empty
 */
record ConversationFilter(String direction, String type, String event, String handler, String openid, String from,
        String to, String q, String after) {
    static final int PAGE = 50;

    /** Reads and validates the filters of a request; 400 for a malformed one. */
    static ConversationFilter of(Ctx c) {
        String direction = c.param("direction").toLowerCase(Locale.ROOT);
        if (!direction.isEmpty() && !"in".equals(direction) && !"out".equals(direction)) {
            throw new HttpError(400, "conv.badfilter");
        }
        ConversationFilter f = new ConversationFilter(direction, limit(c.param("type"), 32),
                limit(c.param("event"), 64).toLowerCase(Locale.ROOT), limit(c.param("handler"), 128),
                limit(c.param("openid"), 255),
                c.param("from"), c.param("to"), limit(c.param("q"), 200), limit(c.param("after"), 64));
        f.query(ZoneId.of("UTC")); // validates the dates and the cursor
        return f;
    }

    private static String limit(String s, int max) {
        if (s.length() > max) {
            throw new HttpError(400, "conv.badfilter");
        }
        return s;
    }

    /** The store's query for this filter. */
    MessageLogQuery query(ZoneId zone) {
        Instant start = day(from, zone, 0);
        Instant end = day(to, zone, 1);
        PageRequest page = PageRequest.first(PAGE).countUpTo(1000);
        if (!after.isEmpty()) {
            try {
                MessageLogQuery.Cursor.parse(after);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "conv.badfilter");
            }
            page = page.after(after);
        }
        return MessageLogQuery.builder()
                .direction(direction.isEmpty() ? null : MessageLogEntry.Direction.valueOf(direction.toUpperCase(
                        Locale.ROOT)))
                .msgType(type).event(event).handler(handler).openid(openid).between(start, end).content(q)
                .page(page).build();
    }

    private static Instant day(String s, ZoneId zone, int plusDays) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new HttpError(400, "conv.badfilter");
        }
    }

    /** Whether any filter is set. */
    boolean any() {
        return !(direction + type + event + handler + openid + from + to + q).isEmpty();
    }

    /** The filters as a query string (no cursor), for the next-page link. */
    String queryString() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("direction", direction);
        m.put("type", type);
        m.put("event", event);
        m.put("handler", handler);
        m.put("openid", openid);
        m.put("from", from);
        m.put("to", to);
        m.put("q", q);
        return m.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The link to the next page. */
    String next(String base, String cursor) {
        String qs = queryString();
        return base + "?" + (qs.isEmpty() ? "" : qs + "&") + "after=" + URLEncoder.encode(cursor,
                StandardCharsets.UTF_8);
    }
}
