package org.wechatmp.examples.wechatdouble;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code user/get} and {@code user/info/batchget} for a generated set of followers (openid {@code oDemo…} plus
 * a zero-padded index), with an errcode that can be injected once on the profiles of a given listing page.
 */
final class Followers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "wechat-double-followers";
    private static final Pattern OPENID = Pattern.compile("\"openid\"\\s*:\\s*\"([^\"]{1,64})\"");
    private static final String[] NAMES = {"小明", "小红", "阿强", "Lily", "王芳", "李雷", "韩梅梅", "Tom", "张伟", "刘洋"};
    private static final String[] CITIES = {"Shenzhen", "Guangzhou", "Beijing", "Shanghai", "Hangzhou", "Chengdu"};

    private volatile FollowerBook book;
    private volatile int count;
    private volatile int pageSize;
    private volatile long profileDelayMillis;
    /** page (1-based) → errcode, answered once by the first profile batch of that page. */
    private final Map<Integer, Integer> failures = new ConcurrentHashMap<>();

    Followers(int count, int pageSize, Duration profileDelay) {
        this.count = count;
        this.pageSize = pageSize;
        this.profileDelayMillis = profileDelay.toMillis();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    void count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("followers must be >= 0");
        }
        count = n;
    }

    int count() {
        return count;
    }

    void pageSize(int n) {
        if (n < 1 || n > 10_000) {
            throw new IllegalArgumentException("a listing page holds 1-10000 openids");
        }
        pageSize = n;
    }

    void profileDelay(Duration d) {
        profileDelayMillis = d.toMillis();
    }

    void failPage(int page, int errcode) {
        failures.put(page, errcode);
    }

    static String openid(int i) {
        return "oDemo" + String.format("%023d", i);
    }

    private static int index(String openid) {
        if (openid == null || !openid.startsWith("oDemo") || openid.length() != 28) {
            return -1;
        }
        try {
            return Integer.parseInt(openid.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String url = event.getRequest().getUrl();
        if (url.contains("/cgi-bin/user/info/batchget")) {
            return profiles(event.getRequest().getBodyAsString());
        }
        return listing(event.getRequest().queryParameter("next_openid").isPresent()
                ? event.getRequest().queryParameter("next_openid").firstValue() : "");
    }

    private ResponseDefinition listing(String next) {
        int n = count;
        int from = next == null || next.isEmpty() ? 0 : index(next) + 1;
        if (from < 0) {
            return json("{\"errcode\":40003,\"errmsg\":\"invalid next_openid\"}", 0);
        }
        int to = Math.min(n, from + pageSize);
        StringBuilder b = new StringBuilder("{\"total\":").append(n).append(",\"count\":").append(Math.max(0, to - from));
        if (to > from) {
            b.append(",\"data\":{\"openid\":[");
            for (int i = from; i < to; i++) {
                b.append(i > from ? "," : "").append('"').append(openid(i)).append('"');
            }
            b.append("]},\"next_openid\":\"").append(openid(to - 1)).append("\"}");
        } else {
            b.append(",\"next_openid\":\"\"}");
        }
        return json(b.toString(), 0);
    }

    private ResponseDefinition profiles(String body) {
        List<Integer> asked = new ArrayList<>();
        Matcher m = OPENID.matcher(body == null ? "" : body);
        while (m.find()) {
            asked.add(index(m.group(1)));
        }
        if (!asked.isEmpty() && asked.get(0) >= 0 && asked.get(0) % pageSize == 0) {
            Integer errcode = failures.remove(asked.get(0) / pageSize + 1);
            if (errcode != null) {
                return json("{\"errcode\":" + errcode + ",\"errmsg\":\"injected by the WeChat double\"}",
                        profileDelayMillis);
            }
        }
        StringBuilder b = new StringBuilder("{\"user_info_list\":[");
        boolean first = true;
        for (int i : asked) {
            if (i < 0 || i >= count) {
                continue;
            }
            b.append(first ? "" : ",");
            first = false;
            b.append(profile(i));
        }
        return json(b.append("]}").toString(), profileDelayMillis);
    }

    /** Whether an openid is one of the generated followers. */
    boolean isFollower(String openid) {
        int i = index(openid);
        return i >= 0 && i < count;
    }

    /** One generated follower's profile as JSON, with the remark, tags and avatar the book holds. */
    String profile(String openid) {
        return profile(index(openid));
    }

    private String profile(int i) {
        String openid = openid(i);
        StringBuilder b = new StringBuilder();
        b.append("{\"subscribe\":1,\"openid\":\"").append(openid).append("\",\"nickname\":\"")
                .append(NAMES[i % NAMES.length]).append(' ').append(i + 1).append("\",\"sex\":").append(i % 3)
                .append(",\"language\":\"zh_CN\",\"city\":\"").append(CITIES[i % CITIES.length])
                .append("\",\"province\":\"\",\"country\":\"China\",\"headimgurl\":\"")
                .append(book == null ? "" : jsonText(book.avatar(openid))).append("\",\"subscribe_time\":")
                .append(1_600_000_000L + i * 3600L)
                .append(",\"remark\":\"").append(book == null ? "" : jsonText(book.remark(openid)))
                .append("\",\"groupid\":0,\"tagid_list\":")
                .append(book == null ? "[]" : book.tagsOf(openid).toString().replace(" ", ""))
                .append(",\"subscribe_scene\":\"ADD_SCENE_QR_CODE\",\"qr_scene\":0,\"qr_scene_str\":\"\"}");
        return b.toString();
    }

    private static String jsonText(String s) {
        return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s));
    }

    /** The state shared with {@link FollowerAnswers} (remarks, tags, avatars), or {@code null}. */
    void book(FollowerBook b) {
        this.book = b;
    }

    private static ResponseDefinition json(String body, long delayMillis) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)
                .withFixedDelay(delayMillis > 0 ? (int) delayMillis : null).build();
    }
}
