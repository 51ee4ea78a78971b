package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The statistics' counters and aggregate SQL, and the data cube cache, on H2 and, when {@code WECHAT_TEST_POSTGRES_URL}
 * / {@code WECHAT_TEST_MARIADB_URL} are set, on PostgreSQL and MariaDB (each run uses a fresh account name).
 */
class StatsQueriesTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final MessageParser PARSER = MessageParser.defaults();

    static List<String> databases() {
        return org.wechatmp.admin.AdminTestDatabases.urls();
    }

    private static JdbiStorage open(String url) {
        return org.wechatmp.admin.AdminTestDatabases.open(url, java.time.Clock.systemUTC());
    }

    private static String xml(String openid, Instant at, String type, String inner) {
        return "<xml><ToUserName>gh</ToUserName><FromUserName>" + openid + "</FromUserName><CreateTime>"
                + at.getEpochSecond() + "</CreateTime><MsgType>" + type + "</MsgType>" + inner + "<MsgId>"
                + System.nanoTime() + "</MsgId></xml>";
    }

    private static String event(String openid, Instant at, String event, String key) {
        return xml(openid, at, "event", "<Event>" + event + "</Event>" + (key == null ? "" : "<EventKey>" + key
                + "</EventKey>"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void callbacksAreCountedPerDayAndTheAggregatesReadThem(String url) {
        String a = "st" + UUID.randomUUID().toString().substring(0, 8);
        try (JdbiStorage storage = open(url)) {
            StatsCounter counter = new StatsCounter(storage.jdbi(), ZONE);
            Instant day1 = LocalDate.of(2026, 3, 1).atTime(23, 30).atZone(ZONE).toInstant();
            Instant day2 = day1.plusSeconds(3600);
            for (String[] m : new String[][] {{"o1", "  Hello   World "}, {"o2", "hello world"}, {"o3", "价格"}}) {
                counter.count(a, PARSER.parse(xml(m[0], day1, "text", "<Content><![CDATA[" + m[1] + "]]></Content>")));
            }
            counter.count(a, PARSER.parse(event("o1", day2, "CLICK", "MENU_PRICE")));
            counter.count(a, PARSER.parse(event("o1", day2, "CLICK", "MENU_PRICE")));
            counter.count(a, PARSER.parse(event("o4", day2, "subscribe", "qrscene_spring")));
            counter.count(a, PARSER.parse(event("o4", day2, "subscribe", "qrscene_spring")));
            counter.count(a, PARSER.parse(event("o5", day2, "SCAN", "spring")));
            counter.count(a, PARSER.parse(event("o6", day2, "unsubscribe", null)));
            counter.flush();
            counter.count(a, PARSER.parse(event("o7", day2, "SCAN", "spring")));
            counter.close();
            storage.users().recordSubscription(a, "o8", true, day1);

            StatsQueries q = new StatsQueries(storage.jdbi());
            LocalDate d1 = LocalDate.of(2026, 3, 1);
            LocalDate d2 = d1.plusDays(1);
            assertThat(q.top(a, StatsCounter.KEYWORD, d1, d2, 10)).containsExactly(
                    new StatsQueries.Count("hello world", 2), new StatsQueries.Count("价格", 1));
            assertThat(q.top(a, StatsCounter.CLICK, d1, d2, 10)).containsExactly(
                    new StatsQueries.Count("MENU_PRICE", 2));
            Map<String, Map<LocalDate, Long>> types = q.perDayAndItem(a, StatsCounter.MSG, d1, d2);
            assertThat(types.get("text")).containsExactly(Map.entry(d1, 3L));
            assertThat(types.get("event")).containsExactly(Map.entry(d2, 7L));
            assertThat(q.perDay(a, StatsCounter.UNSUB, d1, d2)).containsExactly(Map.entry(d2, 1L));
            assertThat(q.followed(a, d1, d2, ZONE)).containsExactly(Map.entry(d1, 1L));
            assertThat(q.scans(a, List.of("spring", "other"))).containsExactly(Map.entry("spring", 2L));
            // o4 followed twice through the code: one follower acquired; a synced follower with the scene adds one
            assertThat(q.acquired(a, List.of("spring"))).containsExactly(Map.entry("spring", 1L));
            storage.jdbi().useHandle(h -> h.execute("UPDATE wx_user SET qr_scene_str = 'spring' WHERE account = ? AND "
                    + "openid = 'o8'", a));
            assertThat(q.acquired(a, List.of("spring"))).containsExactly(Map.entry("spring", 2L));
            assertThat(q.acquired(a, List.of())).isEmpty();

            Instant t = d1.atTime(10, 0).atZone(ZONE).toInstant();
            storage.messageLog().append(List.of(
                    new MessageLogEntry(a, MessageLogEntry.Direction.IN, 1, "o1", "text", "", "greeting", "<xml/>", t),
                    new MessageLogEntry(a, MessageLogEntry.Direction.IN, 2, "o2", "text", "", "greeting", "<xml/>", t),
                    new MessageLogEntry(a, MessageLogEntry.Direction.OUT, 0, "o2", "text", "", "greeting", "<xml/>", t),
                    new MessageLogEntry(a, MessageLogEntry.Direction.IN, 3, "o3", "text", "", "price", "<xml/>", t),
                    new MessageLogEntry(a, MessageLogEntry.Direction.IN, 4, "o3", "text", "", "", "<xml/>", t)));
            StatsLogReader reader = new StatsLogReader(storage.jdbi(), ZONE);
            drain(reader);
            assertThat(q.top(a, StatsLogReader.KIND, d1, d2, 10)).containsExactly(new StatsQueries.Count("greeting", 2),
                    new StatsQueries.Count("price", 1));
            // read once: a second run adds nothing, a new line adds one
            assertThat(reader.catchUp()).isZero();
            storage.messageLog().append(List.of(
                    new MessageLogEntry(a, MessageLogEntry.Direction.IN, 5, "o3", "text", "", "price", "<xml/>", t)));
            assertThat(reader.catchUp()).isEqualTo(1);
            assertThat(q.top(a, StatsLogReader.KIND, d1, d2, 1)).containsExactly(new StatsQueries.Count("greeting", 2));
            assertThat(q.top(a, StatsLogReader.KIND, d1, d2, 10)).contains(new StatsQueries.Count("price", 2));
        }
    }

    /** Reads the whole log (a shared database may hold other tests' lines before these). */
    private static void drain(StatsLogReader reader) {
        while (reader.catchUp() > 0) {
            // next batches
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void thePastIsAskedOnceAndTodayEveryTime(String url) {
        String a = "dc" + UUID.randomUUID().toString().substring(0, 8);
        try (JdbiStorage storage = open(url)) {
            DataCubeCache cache = new DataCubeCache(storage.jdbi(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            LocalDate today = LocalDate.of(2026, 3, 10);
            List<String> asked = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            java.util.function.BiFunction<LocalDate, LocalDate, Map<LocalDate, Map<String, Object>>> fetch = (f, t) -> {
                calls.incrementAndGet();
                asked.add(f + ".." + t);
                Map<LocalDate, Map<String, Object>> out = new java.util.HashMap<>();
                for (LocalDate d = f; !d.isAfter(t); d = d.plusDays(1)) {
                    if (d.getDayOfMonth() != 5) {
                        out.put(d, Map.of("new", d.getDayOfMonth()));
                    }
                }
                return out;
            };
            DataCubeCache.Result first = cache.get(a, "usersummary", today.minusDays(6), today.minusDays(3), today,
                    fetch);
            assertThat(first.fetched()).isEqualTo(4);
            assertThat(first.days().get(LocalDate.of(2026, 3, 4))).containsEntry("new", 4);
            assertThat(first.days().get(LocalDate.of(2026, 3, 5))).isEmpty();
            DataCubeCache.Result again = cache.get(a, "usersummary", today.minusDays(6), today, today, fetch);
            assertThat(again.cached()).isEqualTo(4);
            assertThat(asked).containsExactly("2026-03-04..2026-03-07", "2026-03-08..2026-03-10");
            assertThat(again.days()).hasSize(7);
            cache.get(a, "usersummary", today.minusDays(6), today, today, fetch);
            assertThat(asked).last().isEqualTo("2026-03-10..2026-03-10");
            assertThat(calls.get()).isEqualTo(3);
        }
    }
}
