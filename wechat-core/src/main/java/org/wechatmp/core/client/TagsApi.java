package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * User tags: list, create, rename, delete; tagging and untagging users (chunked to WeChat's limit); the users of a
 * tag; the tags of a user.
 */
public final class TagsApi {
    /** WeChat's limit for batch tagging and untagging. */
    public static final int BATCH_TAGGING_LIMIT = 50;

    private final ApiExecutor x;

    TagsApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Every tag of the account.
     *
     * @return the tags
     */
    public List<Tag> list() {
        List<Tag> out = new ArrayList<>();
        for (JsonNode t : x.json(ApiExecutor.get("/cgi-bin/tags/get", null)).path("tags")) {
            out.add(x.convert(t, Tag.class));
        }
        return out;
    }

    /**
     * Creates a tag.
     *
     * @param name the name (up to 30 characters)
     * @return the new tag
     */
    public Tag create(String name) {
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/tags/create", Map.of("tag", Map.of("name", name))));
        return x.convert(json.path("tag"), Tag.class);
    }

    /**
     * Renames a tag.
     *
     * @param id the tag id
     * @param name the new name
     */
    public void update(int id, String name) {
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("id", id);
        tag.put("name", name);
        x.json(ApiExecutor.post("/cgi-bin/tags/update", Map.of("tag", tag)));
    }

    /**
     * Deletes a tag.
     *
     * @param id the tag id
     */
    public void delete(int id) {
        x.json(ApiExecutor.post("/cgi-bin/tags/delete", Map.of("tag", Map.of("id", id))));
    }

    /**
     * Tags users, {@value #BATCH_TAGGING_LIMIT} per call.
     *
     * @param id the tag id
     * @param openids the users
     */
    public void tagUsers(int id, Collection<String> openids) {
        batch("/cgi-bin/tags/members/batchtagging", id, openids);
    }

    /**
     * Untags users, {@value #BATCH_TAGGING_LIMIT} per call.
     *
     * @param id the tag id
     * @param openids the users
     */
    public void untagUsers(int id, Collection<String> openids) {
        batch("/cgi-bin/tags/members/batchuntagging", id, openids);
    }

    private void batch(String path, int id, Collection<String> openids) {
        for (List<String> chunk : Pages.chunks(new ArrayList<>(openids), BATCH_TAGGING_LIMIT)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tagid", id);
            body.put("openid_list", chunk);
            x.json(ApiExecutor.post(path, body));
        }
    }

    /**
     * One page of the users of a tag.
     *
     * @param id the tag id
     * @param nextOpenid the cursor, or {@code null} for the first page
     * @return the page
     */
    public FollowerPage users(int id, String nextOpenid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tagid", id);
        if (nextOpenid != null && !nextOpenid.isEmpty()) {
            body.put("next_openid", nextOpenid);
        }
        return FollowerPage.read(x.json(ApiExecutor.post("/cgi-bin/user/tag/get", body)));
    }

    /**
     * Every user of a tag, paged lazily.
     *
     * @param id the tag id
     * @return the openids
     */
    public Stream<String> allUsers(int id) {
        return Pages.stream(null, cursor -> users(id, cursor).page());
    }

    /**
     * The tags of a user.
     *
     * @param openid the user
     * @return the tag ids
     */
    public List<Integer> tagsOf(String openid) {
        List<Integer> out = new ArrayList<>();
        x.json(ApiExecutor.post("/cgi-bin/tags/getidlist", Map.of("openid", openid))).path("tagid_list")
                .forEach(n -> out.add(n.asInt()));
        return out;
    }
}
