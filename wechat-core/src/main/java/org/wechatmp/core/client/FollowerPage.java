package org.wechatmp.core.client;

import java.util.List;

/**
 * One page of openids (followers, members of a tag, or the blacklist).
 *
 * @param total how many there are in all (0 where WeChat does not say)
 * @param count how many are on this page
 * @param openids the openids
 * @param nextOpenid the cursor of the next page; empty when this is the last
 */
public record FollowerPage(long total, int count, List<String> openids, String nextOpenid) {
    /**
     * Copies the list.
     *
     * @param total how many there are in all (0 where WeChat does not say)
     * @param count how many are on this page
     * @param openids the openids
     * @param nextOpenid the cursor of the next page; empty when this is the last
     */
    public FollowerPage {
        openids = openids == null ? List.of() : List.copyOf(openids);
        nextOpenid = nextOpenid == null ? "" : nextOpenid;
    }

    static FollowerPage read(com.fasterxml.jackson.databind.JsonNode json) {
        List<String> ids = new java.util.ArrayList<>();
        json.path("data").path("openid").forEach(n -> ids.add(n.asText()));
        return new FollowerPage(json.path("total").asLong(0), json.path("count").asInt(ids.size()), ids,
                json.path("next_openid").asText(""));
    }

    Pages.Page<String> page() {
        return new Pages.Page<>(openids, nextOpenid);
    }
}
