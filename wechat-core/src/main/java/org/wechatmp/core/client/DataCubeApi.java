package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.wechatmp.core.WeChatHttpException;

/**
 * Statistics (数据统计): followers, articles, upstream messages and the callback interface, each by an inclusive date
 * range. WeChat limits the days of one call ({@link #USER_DAYS}, {@link #ARTICLE_SUMMARY_DAYS},
 * {@link #USER_READ_DAYS}, {@link #USER_SHARE_DAYS}, {@link #UPSTREAM_DAYS}, {@link #INTERFACE_DAYS},
 * {@link #HOUR_DAYS}, {@link #UPSTREAM_DIST_DAYS}, {@link #UPSTREAM_WEEK_MONTH_DAYS}); a longer
 * range is split into consecutive calls and the rows are merged in date order. WeChat keeps data from 2014-12-01
 * and the latest day is yesterday.
 */
public final class DataCubeApi {
    /** Days per call of the follower summary and cumulate. */
    public static final int USER_DAYS = 7;
    /** Days per call of the article summary and total. */
    public static final int ARTICLE_SUMMARY_DAYS = 1;
    /** Days per call of the article read summary. */
    public static final int USER_READ_DAYS = 3;
    /** Days per call of the article share summary. */
    public static final int USER_SHARE_DAYS = 7;
    /** Days per call of the upstream message summary. */
    public static final int UPSTREAM_DAYS = 7;
    /** Days per call of the interface summary. */
    public static final int INTERFACE_DAYS = 30;
    /** Days per call of every hourly variant. */
    public static final int HOUR_DAYS = 1;
    /** Days per call of the weekly and monthly upstream summaries and distributions. */
    public static final int UPSTREAM_WEEK_MONTH_DAYS = 30;
    /** Days per call of the daily upstream distribution. */
    public static final int UPSTREAM_DIST_DAYS = 15;

    private final ApiExecutor x;

    DataCubeApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * New and cancelled followers per day and source.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UserSummary> userSummary(LocalDate from, LocalDate to) {
        return ranged("/datacube/getusersummary", from, to, USER_DAYS, n -> new UserSummary(date(n),
                n.path("user_source").asInt(), n.path("new_user").asInt(), n.path("cancel_user").asInt()),
                UserSummary::refDate);
    }

    /**
     * The total followers per day.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UserCumulate> userCumulate(LocalDate from, LocalDate to) {
        return ranged("/datacube/getusercumulate", from, to, USER_DAYS, n -> new UserCumulate(date(n),
                n.path("cumulate_user").asLong()), UserCumulate::refDate);
    }

    /**
     * Each article's reading and sharing on the day it was sent.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<ArticleSummary> articleSummary(LocalDate from, LocalDate to) {
        return ranged("/datacube/getarticlesummary", from, to, ARTICLE_SUMMARY_DAYS, n -> new ArticleSummary(date(n),
                n.path("msgid").asText(""), n.path("title").asText(""), ArticleStats.read(n)),
                ArticleSummary::refDate);
    }

    /**
     * Each article sent on a day, with its statistics for each day since.
     *
     * @param from the first send day
     * @param to the last send day, inclusive
     * @return the rows in date order
     */
    public List<ArticleTotal> articleTotal(LocalDate from, LocalDate to) {
        return ranged("/datacube/getarticletotal", from, to, ARTICLE_SUMMARY_DAYS, n -> {
            List<ArticleTotal.Day> days = new ArrayList<>();
            for (JsonNode d : n.path("details")) {
                days.add(new ArticleTotal.Day(LocalDate.parse(d.path("stat_date").asText()),
                        d.path("target_user").asLong(), ArticleStats.read(d)));
            }
            return new ArticleTotal(date(n), n.path("msgid").asText(""), n.path("title").asText(""), days);
        }, ArticleTotal::refDate);
    }

    /**
     * Reading of all articles per day (and per source where WeChat splits it).
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UserRead> userRead(LocalDate from, LocalDate to) {
        return ranged("/datacube/getuserread", from, to, USER_READ_DAYS, n -> new UserRead(date(n),
                n.path("user_source").asInt(0), ArticleStats.read(n)), UserRead::refDate);
    }

    /**
     * Sharing of all articles per day and share scene.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UserShare> userShare(LocalDate from, LocalDate to) {
        return ranged("/datacube/getusershare", from, to, USER_SHARE_DAYS, n -> new UserShare(date(n),
                n.path("share_scene").asInt(), n.path("share_count").asLong(), n.path("share_user").asLong()),
                UserShare::refDate);
    }

    /**
     * Messages followers sent per day and message type.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamMessages> upstreamMessages(LocalDate from, LocalDate to) {
        return ranged("/datacube/getupstreammsg", from, to, UPSTREAM_DAYS, n -> new UpstreamMessages(date(n),
                n.path("msg_type").asInt(), n.path("msg_user").asLong(), n.path("msg_count").asLong()),
                UpstreamMessages::refDate);
    }

    /**
     * Callbacks WeChat made to the account's server per day, with failures and time.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<InterfaceSummary> interfaceSummary(LocalDate from, LocalDate to) {
        return ranged("/datacube/getinterfacesummary", from, to, INTERFACE_DAYS, n -> new InterfaceSummary(date(n),
                n.path("callback_count").asLong(), n.path("fail_count").asLong(),
                n.path("total_time_cost").asLong(),
                n.has("max_time_cost") ? n.path("max_time_cost").asLong() : n.path("max_time_count").asLong()),
                InterfaceSummary::refDate);
    }

    /**
     * Reading of all articles per hour ({@code ref_hour} as WeChat sends it, e.g. 1200 for 12:00).
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order, WeChat's order within a day
     */
    public List<UserReadHour> userReadHour(LocalDate from, LocalDate to) {
        return ranged("/datacube/getuserreadhour", from, to, HOUR_DAYS, n -> new UserReadHour(date(n),
                n.path("ref_hour").asInt(), n.path("user_source").asInt(0), ArticleStats.read(n)),
                UserReadHour::refDate);
    }

    /**
     * Sharing of articles per hour and share scene.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UserShareHour> userShareHour(LocalDate from, LocalDate to) {
        return ranged("/datacube/getusersharehour", from, to, HOUR_DAYS, n -> new UserShareHour(date(n),
                n.path("ref_hour").asInt(), n.path("share_scene").asInt(), n.path("share_count").asLong(),
                n.path("share_user").asLong()), UserShareHour::refDate);
    }

    /**
     * Messages followers sent per hour and message type.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamMessagesHour> upstreamMessagesHour(LocalDate from, LocalDate to) {
        return ranged("/datacube/getupstreammsghour", from, to, HOUR_DAYS, n -> new UpstreamMessagesHour(date(n),
                n.path("ref_hour").asInt(), n.path("msg_type").asInt(), n.path("msg_user").asLong(),
                n.path("msg_count").asLong()), UpstreamMessagesHour::refDate);
    }

    /**
     * Messages followers sent per week ({@code refDate} is the week's first day).
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamMessages> upstreamMessagesWeek(LocalDate from, LocalDate to) {
        return upstream("/datacube/getupstreammsgweek", from, to);
    }

    /**
     * Messages followers sent per month ({@code refDate} is the month's first day).
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamMessages> upstreamMessagesMonth(LocalDate from, LocalDate to) {
        return upstream("/datacube/getupstreammsgmonth", from, to);
    }

    private List<UpstreamMessages> upstream(String path, LocalDate from, LocalDate to) {
        return ranged(path, from, to, UPSTREAM_WEEK_MONTH_DAYS, n -> new UpstreamMessages(date(n),
                n.path("msg_type").asInt(), n.path("msg_user").asLong(), n.path("msg_count").asLong()),
                UpstreamMessages::refDate);
    }

    /**
     * How many followers sent how many messages, per day.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamDistribution> upstreamDistribution(LocalDate from, LocalDate to) {
        return distribution("/datacube/getupstreammsgdist", from, to, UPSTREAM_DIST_DAYS);
    }

    /**
     * How many followers sent how many messages, per week.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamDistribution> upstreamDistributionWeek(LocalDate from, LocalDate to) {
        return distribution("/datacube/getupstreammsgdistweek", from, to, UPSTREAM_WEEK_MONTH_DAYS);
    }

    /**
     * How many followers sent how many messages, per month.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<UpstreamDistribution> upstreamDistributionMonth(LocalDate from, LocalDate to) {
        return distribution("/datacube/getupstreammsgdistmonth", from, to, UPSTREAM_WEEK_MONTH_DAYS);
    }

    private List<UpstreamDistribution> distribution(String path, LocalDate from, LocalDate to, int days) {
        return ranged(path, from, to, days, n -> new UpstreamDistribution(date(n), n.path("count_interval").asInt(),
                n.path("msg_user").asLong()), UpstreamDistribution::refDate);
    }

    /**
     * Callbacks WeChat made to the account's server per hour.
     *
     * @param from the first day
     * @param to the last day, inclusive
     * @return the rows in date order
     */
    public List<InterfaceSummaryHour> interfaceSummaryHour(LocalDate from, LocalDate to) {
        return ranged("/datacube/getinterfacesummaryhour", from, to, HOUR_DAYS, n -> new InterfaceSummaryHour(
                date(n), n.path("ref_hour").asInt(), n.path("callback_count").asLong(), n.path("fail_count").asLong(),
                n.path("total_time_cost").asLong(),
                n.has("max_time_cost") ? n.path("max_time_cost").asLong() : n.path("max_time_count").asLong()),
                InterfaceSummaryHour::refDate);
    }

    /** The inclusive date windows of at most {@code maxDays} covering {@code from..to}, in order. */
    static List<LocalDate[]> windows(LocalDate from, LocalDate to, int maxDays) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(maxDays - 1L);
            if (end.isAfter(to)) {
                end = to;
            }
            out.add(new LocalDate[] {start, end});
            start = end.plusDays(1);
        }
        return out;
    }

    private <T> List<T> ranged(String path, LocalDate from, LocalDate to, int maxDays, Function<JsonNode, T> read,
            Function<T, LocalDate> refDate) {
        List<T> out = new ArrayList<>();
        for (LocalDate[] w : windows(from, to, maxDays)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("begin_date", w[0].toString());
            body.put("end_date", w[1].toString());
            for (JsonNode n : x.json(ApiExecutor.post(path, body)).path("list")) {
                out.add(read.apply(n));
            }
        }
        out.sort(Comparator.comparing(refDate));
        return out;
    }

    private static LocalDate date(JsonNode n) {
        String s = n.path("ref_date").asText("");
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new WeChatHttpException("WeChat API answered an invalid ref_date", "/datacube", 200, false, e);
        }
    }
}
