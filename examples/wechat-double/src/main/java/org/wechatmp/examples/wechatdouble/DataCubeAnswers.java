package org.wechatmp.examples.wechatdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Answers the data cube stubs ({@code "transformers": ["wechat-datacube"]}) like WeChat: one row set per requested
 * day, figures derived from the date so a day always reads the same, and errcode 61501 when the range exceeds the
 * call's maximum span or is reversed.
 */
final class DataCubeAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-datacube";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> MAX_DAYS = Map.ofEntries(Map.entry("getusersummary", 7),
            Map.entry("getusercumulate", 7), Map.entry("getarticlesummary", 1), Map.entry("getarticletotal", 1),
            Map.entry("getuserread", 3), Map.entry("getusershare", 7), Map.entry("getupstreammsg", 7),
            Map.entry("getinterfacesummary", 30), Map.entry("getuserreadhour", 1), Map.entry("getusersharehour", 1),
            Map.entry("getupstreammsghour", 1), Map.entry("getupstreammsgweek", 30),
            Map.entry("getupstreammsgmonth", 30), Map.entry("getupstreammsgdist", 15),
            Map.entry("getupstreammsgdistweek", 30), Map.entry("getupstreammsgdistmonth", 30),
            Map.entry("getinterfacesummaryhour", 1));
    private static final LocalDate EPOCH = LocalDate.parse("2026-01-01");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl();
        int q = path.indexOf('?');
        String call = (q < 0 ? path : path.substring(0, q)).substring(path.lastIndexOf('/', q < 0 ? path.length()
                : q) + 1);
        LocalDate from;
        LocalDate to;
        try {
            JsonNode body = JSON.readTree(serveEvent.getRequest().getBodyAsString());
            from = LocalDate.parse(body.path("begin_date").asText());
            to = LocalDate.parse(body.path("end_date").asText());
        } catch (IOException | DateTimeParseException e) {
            return answer("{\"errcode\":47001,\"errmsg\":\"data format error\"}");
        }
        int max = MAX_DAYS.getOrDefault(call, 1);
        if (to.isBefore(from) || from.plusDays(max).isBefore(to.plusDays(1))) {
            return answer("{\"errcode\":61501,\"errmsg\":\"date range error\"}");
        }
        ArrayNode list = JSON.createArrayNode();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            // weekly and monthly rows are dated by the period's first day
            if (call.endsWith("week") && d.getDayOfWeek() != java.time.DayOfWeek.MONDAY
                    || call.endsWith("month") && d.getDayOfMonth() != 1) {
                continue;
            }
            rows(call, d, list);
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("list", list);
        return answer(out.toString());
    }

    private static void rows(String call, LocalDate d, ArrayNode list) {
        long n = Math.floorMod(d.toEpochDay() - EPOCH.toEpochDay(), 365);
        int wave = (int) (n * 37 % 23);
        String day = d.toString();
        switch (call) {
            case "getusersummary" -> {
                row(list, day).put("user_source", 0).put("new_user", 40 + wave).put("cancel_user", 6 + wave % 5);
                row(list, day).put("user_source", 30).put("new_user", 12 + wave % 9).put("cancel_user", 1);
            }
            case "getusercumulate" -> row(list, day).put("cumulate_user", 120_000 + n * 47);
            case "getarticlesummary" -> {
                for (int i = 1; i <= 2; i++) {
                    stats(row(list, day).put("msgid", (2_247_483_000L + n) + "_" + i)
                            .put("title", i == 1 ? "每日推荐 " + day : "本周活动"), 1800 + wave * 40 - i * 300);
                }
            }
            case "getarticletotal" -> {
                ObjectNode r = row(list, day).put("msgid", (2_247_483_000L + n) + "_1").put("title", "每日推荐 " + day);
                ArrayNode details = r.putArray("details");
                for (int i = 0; i < 7; i++) {
                    ObjectNode detail = details.addObject().put("stat_date", d.plusDays(i).toString())
                            .put("target_user", 120_000 + n * 47);
                    stats(detail, 1800 + wave * 40 + i * 250);
                }
            }
            case "getuserread" -> stats(row(list, day).put("user_source", 99_999_999), 5200 + wave * 90);
            case "getusershare" -> {
                row(list, day).put("share_scene", 1).put("share_count", 160 + wave * 3).put("share_user", 110 + wave);
                row(list, day).put("share_scene", 2).put("share_count", 70 + wave).put("share_user", 55 + wave);
            }
            case "getupstreammsg" -> {
                row(list, day).put("msg_type", 1).put("msg_user", 260 + wave * 4).put("msg_count", 780 + wave * 11);
                row(list, day).put("msg_type", 2).put("msg_user", 31 + wave).put("msg_count", 44 + wave);
            }
            case "getinterfacesummary" -> row(list, day).put("callback_count", 1300 + wave * 17)
                    .put("fail_count", wave % 4).put("total_time_cost", (1300 + wave * 17) * 42L)
                    .put("max_time_cost", 380 + wave * 5);
            case "getuserreadhour" -> {
                for (int h = 0; h < 24; h++) {
                    stats(row(list, day).put("ref_hour", h * 100).put("user_source", 99_999_999), hourly(wave, h) * 4);
                }
            }
            case "getusersharehour" -> {
                for (int h = 0; h < 24; h++) {
                    row(list, day).put("ref_hour", h * 100).put("share_scene", 1).put("share_count", hourly(wave, h))
                            .put("share_user", hourly(wave, h) * 2 / 3);
                }
            }
            case "getupstreammsghour" -> {
                for (int h = 0; h < 24; h++) {
                    row(list, day).put("ref_hour", h).put("msg_type", 1).put("msg_user", hourly(wave, h))
                            .put("msg_count", hourly(wave, h) * 3);
                }
            }
            case "getupstreammsgweek", "getupstreammsgmonth" -> {
                int scale = call.endsWith("week") ? 7 : 30;
                row(list, day).put("msg_type", 1).put("msg_user", (260 + wave * 4) * scale / 2)
                        .put("msg_count", (780 + wave * 11) * scale);
                row(list, day).put("msg_type", 2).put("msg_user", (31 + wave) * scale / 2)
                        .put("msg_count", (44 + wave) * scale);
            }
            case "getupstreammsgdist", "getupstreammsgdistweek", "getupstreammsgdistmonth" -> {
                int scale = call.endsWith("week") ? 5 : call.endsWith("month") ? 20 : 1;
                row(list, day).put("count_interval", 1).put("msg_user", (200 + wave * 3) * scale);
                row(list, day).put("count_interval", 2).put("msg_user", (40 + wave) * scale);
                row(list, day).put("count_interval", 3).put("msg_user", (9 + wave % 5) * scale);
            }
            case "getinterfacesummaryhour" -> {
                for (int h = 0; h < 24; h++) {
                    int calls = hourly(wave, h) * 2;
                    row(list, day).put("ref_hour", h).put("callback_count", calls).put("fail_count", h == 3 ? 1 : 0)
                            .put("total_time_cost", calls * 42L).put("max_time_cost", 300 + h * 5);
                }
            }
            default -> {
            }
        }
    }

    /** A daily curve: quiet at night, peaks at noon and in the evening. */
    private static int hourly(int wave, int hour) {
        int[] curve = {4, 2, 1, 1, 1, 2, 5, 12, 20, 24, 26, 30, 34, 28, 24, 22, 23, 25, 30, 36, 40, 32, 18, 9};
        return curve[hour] * (3 + wave % 4);
    }

    private static ObjectNode row(ArrayNode list, String day) {
        return list.addObject().put("ref_date", day);
    }

    private static void stats(ObjectNode r, int reads) {
        r.put("int_page_read_user", reads).put("int_page_read_count", reads + reads / 9)
                .put("ori_page_read_user", reads / 40).put("ori_page_read_count", reads / 35)
                .put("share_user", reads / 25).put("share_count", reads / 18)
                .put("add_to_fav_user", reads / 60).put("add_to_fav_count", reads / 55);
    }

    private static ResponseDefinition answer(String body) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }
}
