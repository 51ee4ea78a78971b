package org.wechatmp.admin.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.wechatmp.core.client.ArticleSummary;
import org.wechatmp.core.client.DataCubeApi;
import org.wechatmp.core.client.InterfaceSummary;
import org.wechatmp.core.client.UpstreamMessages;
import org.wechatmp.core.client.UserCumulate;
import org.wechatmp.core.client.UserRead;
import org.wechatmp.core.client.UserSummary;

/** The data cube pages' reports: which calls each makes (each cached per day) and the charts it draws. */
enum DataCubeReport {
    /** New and cancelled followers, total followers. */
    USERS("usersummary", "usercumulate"),
    /** Article reads and shares per day, articles sent. */
    ARTICLES("userread", "articlesummary"),
    /** Messages followers sent per day and type. */
    MESSAGES("upstreammsg"),
    /** Callbacks WeChat made to this server. */
    INTERFACE("interfacesummary");

    private final List<String> calls;

    DataCubeReport(String... calls) {
        this.calls = List.of(calls);
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    List<String> calls() {
        return calls;
    }

    static DataCubeReport parse(String s) {
        for (DataCubeReport r : values()) {
            if (r.key().equals(s)) {
                return r;
            }
        }
        return USERS;
    }

    /** Asks WeChat for one call's range: day → figures. */
    static BiFunction<LocalDate, LocalDate, Map<LocalDate, Map<String, Object>>> fetcher(String call, DataCubeApi api) {
        return switch (call) {
            case "usersummary" -> (f, t) -> byDay(api.userSummary(f, t), UserSummary::refDate, (m, r) -> {
                add(m, "new", r.newUser());
                add(m, "cancel", r.cancelUser());
            });
            case "usercumulate" -> (f, t) -> byDay(api.userCumulate(f, t), UserCumulate::refDate,
                    (m, r) -> m.put("cumulate", r.cumulateUser()));
            case "userread" -> (f, t) -> byDay(api.userRead(f, t), UserRead::refDate, (m, r) -> {
                add(m, "readCount", r.stats().intPageReadCount());
                add(m, "readUser", r.stats().intPageReadUser());
                add(m, "share", r.stats().shareCount());
                add(m, "fav", r.stats().addToFavCount());
            });
            case "articlesummary" -> (f, t) -> byDay(api.articleSummary(f, t), ArticleSummary::refDate, (m, r) -> {
                @SuppressWarnings("unchecked")
                List<Object> items = (List<Object>) m.computeIfAbsent("items", k -> new ArrayList<>());
                items.add(List.of(r.title(), r.stats().intPageReadCount(), r.stats().shareCount()));
            });
            case "upstreammsg" -> (f, t) -> byDay(api.upstreamMessages(f, t), UpstreamMessages::refDate, (m, r) -> {
                add(m, "count", r.msgCount());
                add(m, "users", r.msgUser());
                add(m, "t" + r.msgType(), r.msgCount());
            });
            case "interfacesummary" -> (f, t) -> byDay(api.interfaceSummary(f, t), InterfaceSummary::refDate,
                    (m, r) -> {
                        add(m, "calls", r.callbackCount());
                        add(m, "fails", r.failCount());
                        add(m, "total", r.totalTimeCost());
                        m.put("max", Math.max(num(m.get("max")), r.maxTimeCost()));
                    });
            default -> throw new IllegalArgumentException(call);
        };
    }

    private static <T> Map<LocalDate, Map<String, Object>> byDay(List<T> rows, Function<T, LocalDate> day,
            java.util.function.BiConsumer<Map<String, Object>, T> fold) {
        Map<LocalDate, Map<String, Object>> out = new HashMap<>();
        for (T r : rows) {
            fold.accept(out.computeIfAbsent(day.apply(r), k -> new LinkedHashMap<>()), r);
        }
        return out;
    }

    private static void add(Map<String, Object> m, String key, long v) {
        m.put(key, num(m.get(key)) + v);
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    /** One metric of a call as a chart series. */
    static ChartSvg.Series series(String label, Map<LocalDate, Map<String, Object>> days, String metric) {
        Map<LocalDate, Long> values = new HashMap<>();
        days.forEach((d, m) -> values.put(d, num(m.get(metric))));
        return new ChartSvg.Series(label, values);
    }

    /** The charts of this report from its calls' figures. */
    List<Chart> charts(Msg m, List<LocalDate> days, Map<String, Map<LocalDate, Map<String, Object>>> data) {
        String day = m.t("stats.day");
        List<Chart> out = new ArrayList<>();
        switch (this) {
            case USERS -> {
                var s = data.get("usersummary");
                out.add(ChartSvg.daily("cube-users", m.t("datacube.users.change"), day, days, List.of(
                        series(m.t("datacube.users.new"), s, "new"), series(m.t("datacube.users.cancel"), s, "cancel")),
                        false));
                out.add(ChartSvg.daily("cube-cumulate", m.t("datacube.users.cumulate"), day, days, List.of(
                        series(m.t("datacube.users.total"), data.get("usercumulate"), "cumulate")), false));
            }
            case ARTICLES -> {
                var r = data.get("userread");
                out.add(ChartSvg.daily("cube-reads", m.t("datacube.articles.reads"), day, days, List.of(
                        series(m.t("datacube.articles.readcount"), r, "readCount"),
                        series(m.t("datacube.articles.readuser"), r, "readUser"),
                        series(m.t("datacube.articles.share"), r, "share"),
                        series(m.t("datacube.articles.fav"), r, "fav")), false));
                Map<String, Long> reads = new LinkedHashMap<>();
                data.get("articlesummary").values().forEach(f -> {
                    if (f.get("items") instanceof List<?> items) {
                        for (Object o : items) {
                            if (o instanceof List<?> it && it.size() >= 2) {
                                reads.merge(String.valueOf(it.get(0)), num(it.get(1)), Long::sum);
                            }
                        }
                    }
                });
                List<StatsQueries.Count> top = reads.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                        .map(e -> new StatsQueries.Count(e.getKey(), e.getValue())).toList();
                out.add(ChartSvg.ranking("cube-articles", m.t("datacube.articles.top"), m.t("datacube.articles.title"),
                        m.t("datacube.articles.readcount"), top));
            }
            case MESSAGES -> {
                var s = data.get("upstreammsg");
                TreeSet<String> types = new TreeSet<>();
                s.values().forEach(f -> f.keySet().stream().filter(k -> k.matches("t[0-9]+")).forEach(types::add));
                List<ChartSvg.Series> series = new ArrayList<>();
                for (String t : types) {
                    String key = "datacube.msgtype." + t.substring(1);
                    String label = m.t(key);
                    series.add(series(label.equals(key) ? m.t("datacube.msgtype.other", t.substring(1)) : label, s, t));
                }
                out.add(ChartSvg.daily("cube-messages", m.t("datacube.messages.count"), day, days, series, true));
                out.add(ChartSvg.daily("cube-senders", m.t("datacube.messages.users"), day, days, List.of(
                        series(m.t("datacube.messages.senders"), s, "users")), false));
            }
            case INTERFACE -> {
                var s = data.get("interfacesummary");
                out.add(ChartSvg.daily("cube-callbacks", m.t("datacube.interface.calls"), day, days, List.of(
                        series(m.t("datacube.interface.callcount"), s, "calls"),
                        series(m.t("datacube.interface.failcount"), s, "fails")), false));
                Map<LocalDate, Long> mean = new HashMap<>();
                s.forEach((d, f) -> mean.put(d, num(f.get("calls")) == 0 ? 0
                        : num(f.get("total")) / num(f.get("calls"))));
                out.add(ChartSvg.daily("cube-times", m.t("datacube.interface.times"), day, days, List.of(
                        new ChartSvg.Series(m.t("datacube.interface.mean"), mean),
                        series(m.t("datacube.interface.max"), s, "max")), false));
            }
            default -> {
            }
        }
        return out;
    }
}
