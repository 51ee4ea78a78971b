package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Followers: profile, batch profile (chunked to 100 per call), the follower list and its iteration, remarks and the
 * blacklist.
 */
public final class UsersApi {
    /** WeChat's limit for {@code /cgi-bin/user/info/batchget}. */
    public static final int BATCH_INFO_LIMIT = 100;
    /** WeChat's limit for blacklisting calls. */
    public static final int BLACKLIST_LIMIT = 20;

    private final ApiExecutor x;

    UsersApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * A follower's profile in {@code zh_CN}.
     *
     * @param openid the openid
     * @return the profile
     */
    public UserInfo info(String openid) {
        return info(openid, "zh_CN");
    }

    /**
     * A follower's profile.
     *
     * @param openid the openid
     * @param lang {@code zh_CN}, {@code zh_TW} or {@code en}
     * @return the profile
     */
    public UserInfo info(String openid, String lang) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("openid", openid);
        q.put("lang", lang);
        return x.convert(x.json(ApiExecutor.get("/cgi-bin/user/info", q)), UserInfo.class);
    }

    /**
     * Profiles of any number of followers, fetched {@value #BATCH_INFO_LIMIT} per call, in order.
     *
     * @param openids the openids
     * @return the profiles
     */
    public List<UserInfo> batchInfo(Collection<String> openids) {
        return batchInfo(openids, null);
    }

    /**
     * Profiles of any number of followers in a language, fetched {@value #BATCH_INFO_LIMIT} per call.
     *
     * @param openids the openids
     * @param lang the language, or {@code null} for WeChat's default
     * @return the profiles
     */
    public List<UserInfo> batchInfo(Collection<String> openids, String lang) {
        List<UserInfo> out = new ArrayList<>(openids.size());
        for (List<String> chunk : Pages.chunks(new ArrayList<>(openids), BATCH_INFO_LIMIT)) {
            List<Map<String, String>> list = new ArrayList<>(chunk.size());
            for (String id : chunk) {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("openid", id);
                if (lang != null) {
                    item.put("lang", lang);
                }
                list.add(item);
            }
            JsonNode json = x.json(ApiExecutor.post("/cgi-bin/user/info/batchget", Map.of("user_list", list)));
            for (JsonNode u : json.path("user_info_list")) {
                out.add(x.convert(u, UserInfo.class));
            }
        }
        return out;
    }

    /**
     * One page of up to 10,000 follower openids.
     *
     * @param nextOpenid the cursor from the previous page, or {@code null} for the first page
     * @return the page
     */
    public FollowerPage followers(String nextOpenid) {
        Map<String, String> q = new LinkedHashMap<>();
        if (nextOpenid != null && !nextOpenid.isEmpty()) {
            q.put("next_openid", nextOpenid);
        }
        return FollowerPage.read(x.json(ApiExecutor.get("/cgi-bin/user/get", q)));
    }

    /**
     * Every follower's openid, paged lazily with {@code next_openid}.
     *
     * @return the openids
     */
    public Stream<String> allFollowers() {
        return allFollowers(null);
    }

    /**
     * Every follower's openid after a cursor, paged lazily.
     *
     * @param startAfter the cursor to resume from, or {@code null} for the beginning
     * @return the openids
     */
    public Stream<String> allFollowers(String startAfter) {
        return Pages.stream(startAfter, cursor -> followers(cursor).page());
    }

    /**
     * Sets the account's remark for a follower.
     *
     * @param openid the openid
     * @param remark the remark (up to 30 characters)
     */
    public void updateRemark(String openid, String remark) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("openid", openid);
        body.put("remark", remark);
        x.json(ApiExecutor.post("/cgi-bin/user/info/updateremark", body));
    }

    /**
     * One page of the blacklist.
     *
     * @param beginOpenid the cursor, or {@code null} for the first page
     * @return the page
     */
    public FollowerPage blacklist(String beginOpenid) {
        Map<String, String> body = new LinkedHashMap<>();
        if (beginOpenid != null && !beginOpenid.isEmpty()) {
            body.put("begin_openid", beginOpenid);
        }
        return FollowerPage.read(x.json(ApiExecutor.post("/cgi-bin/tags/members/getblacklist", body)));
    }

    /**
     * Every blacklisted openid, paged lazily.
     *
     * @return the openids
     */
    public Stream<String> allBlacklisted() {
        return Pages.stream(null, cursor -> blacklist(cursor).page());
    }

    /**
     * Blacklists users, {@value #BLACKLIST_LIMIT} per call.
     *
     * @param openids the openids
     */
    public void blacklistAdd(Collection<String> openids) {
        for (List<String> chunk : Pages.chunks(new ArrayList<>(openids), BLACKLIST_LIMIT)) {
            x.json(ApiExecutor.post("/cgi-bin/tags/members/batchblacklist", Map.of("openid_list", chunk)));
        }
    }

    /**
     * Removes users from the blacklist, {@value #BLACKLIST_LIMIT} per call.
     *
     * @param openids the openids
     */
    public void blacklistRemove(Collection<String> openids) {
        for (List<String> chunk : Pages.chunks(new ArrayList<>(openids), BLACKLIST_LIMIT)) {
            x.json(ApiExecutor.post("/cgi-bin/tags/members/batchunblacklist", Map.of("openid_list", chunk)));
        }
    }
}
