package org.wechatmp.admin.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.wechatmp.core.client.DataCubeApi;

/**
 * {@code /a/{account}/datacube?report=users|articles|messages|interface&from=&to=}: WeChat's own statistics as the
 * same SVG charts, each day asked of WeChat once and then read from {@link DataCubeCache} (today never cached).
 * WeChat's answers are in Beijing time and end yesterday; an error (e.g. 61501) is shown with its errcode. Messages
 * section, view.
 */
final class DataCubePages implements SectionPages {
    /** The longest range a page asks for (the article summary is one call per day). */
    static final int MAX_DAYS = 92;
    /** WeChat's statistics start on this day. */
    static final LocalDate FIRST_DAY = LocalDate.of(2014, 12, 1);
    /** The zone of WeChat's statistics days. */
    static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger LOG = LoggerFactory.getLogger(DataCubePages.class);

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if (!rest.isEmpty()) {
            throw HttpError.notFound();
        }
        c.requireMethod("GET");
        AccountPages.need(c, account, Section.MESSAGES, Level.VIEW);
        DataCubeReport report = DataCubeReport.parse(c.param("report"));
        LocalDate today = LocalDate.now(c.s.clock().withZone(WECHAT_ZONE));
        StatsRange range = StatsRange.of(c, today.minusDays(7), today.minusDays(1), FIRST_DAY, today, MAX_DAYS);
        String error = range.error() == null ? null : c.msg.t(range.error(), MAX_DAYS);
        List<Chart> charts = List.of();
        int cached = 0;
        int fetched = 0;
        if (error == null) {
            DataCubeCache cache = new DataCubeCache(c.s.storage().jdbi(), c.s.clock());
            Map<String, Map<LocalDate, Map<String, Object>>> data = new HashMap<>();
            // the client is made only when a day is missing (an account without a secret still reads its cache)
            java.util.function.Supplier<DataCubeApi> api = () -> c.s.runtime().client(account).dataCube();
            for (String call : report.calls()) {
                try {
                    DataCubeCache.Result r = cache.get(account.name(), call, range.from(), range.to(), today,
                            (f, t) -> fetch(c, account, call, f, t, api.get()));
                    data.put(call, r.days());
                    cached += r.cached();
                    fetched += r.fetched();
                } catch (WeChatApiException e) {
                    error = QrCodePages.wechatError(c.msg, e);
                    break;
                } catch (WeChatException e) {
                    LOG.info("data cube of {} failed: {}", account.name(), e.getMessage());
                    error = c.msg.t("datacube.unreachable");
                    break;
                }
            }
            if (error == null) {
                charts = report.charts(c.msg, range.days(), data);
            }
        }
        List<String> reports = new ArrayList<>();
        for (DataCubeReport r : DataCubeReport.values()) {
            reports.add(r.key());
        }
        c.render("datacube_page", error == null ? 200 : range.error() != null ? 400 : 502, "datacube.title",
                "account", account.name(), "report", report.key(), "reports", reports, "from", range.from().toString(),
                "to", range.to().toString(), "error", error, "charts", charts, "cached", cached, "fetched", fetched);
    }

    /** One run of days asked of WeChat, audited with its outcome. */
    private static Map<LocalDate, Map<String, Object>> fetch(Ctx c, Account account, String call, LocalDate from,
            LocalDate to, DataCubeApi api) {
        String target = call + " " + from + ".." + to;
        try {
            Map<LocalDate, Map<String, Object>> got = DataCubeReport.fetcher(call, api).apply(from, to);
            c.s.audit().record(c.who(), account.name(), "datacube.fetch", target, true, null, null);
            return got;
        } catch (WeChatApiException e) {
            c.s.audit().record(c.who(), account.name(), "datacube.fetch", target, false, e.errcode(), e.errmsg());
            throw e;
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), account.name(), "datacube.fetch", target, false, null, e.getMessage());
            throw e;
        }
    }
}
