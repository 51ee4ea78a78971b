package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.List;
import org.wechatmp.core.WeChatException;

/**
 * Checks WeChat's answers against the shapes its documentation promises before a sync believes them: required
 * fields present, {@code count} equal to the items sent, {@code next_openid} equal to the last openid. A missing
 * field or a short list is a {@link WeChatException} that the sync records as a failure.
 */
final class Answers {
    /** Reads WeChat's snake_case answers into the client's records. */
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Answers() {
    }

    /**
     * One page of openids ({@code user/get}, {@code user/tag/get}), checked.
     *
     * @param total what {@code total} promised, or -1 where the endpoint has none
     * @param openids the openids of the page
     * @param next the cursor WeChat returned; empty at the end
     */
    record OpenidPage(long total, List<String> openids, String next) {
        static OpenidPage read(JsonNode json, boolean withTotal, String where) {
            long total = -1;
            if (withTotal) {
                total = number(json, "total", where);
            }
            long count = number(json, "count", where);
            List<String> ids = new ArrayList<>();
            JsonNode list = json.path("data").path("openid");
            if (count > 0 && !list.isArray()) {
                throw SyncRecorder.incomplete(where + " promised " + count + " openids but sent no data.openid list");
            }
            for (JsonNode n : list) {
                if (!n.isTextual() || n.asText().isEmpty()) {
                    throw SyncRecorder.incomplete(where + " sent an empty or non-text openid");
                }
                ids.add(n.asText());
            }
            if (ids.size() != count) {
                throw SyncRecorder.incomplete(where + " promised count " + count + " but sent " + ids.size()
                        + " openids");
            }
            if (withTotal && count > total) {
                throw SyncRecorder.incomplete(where + " sent " + count + " openids of a total of " + total);
            }
            String next = json.path("next_openid").asText("");
            if (!ids.isEmpty() && !next.isEmpty() && !next.equals(ids.get(ids.size() - 1))) {
                throw SyncRecorder.incomplete(where + " answered next_openid " + next
                        + ", which is not the last openid of its page");
            }
            if (!ids.isEmpty() && !json.has("next_openid")) {
                throw SyncRecorder.incomplete(where + " sent openids without next_openid");
            }
            return new OpenidPage(total, List.copyOf(ids), next);
        }
    }

    /** A required whole number. */
    static long number(JsonNode json, String field, String where) {
        JsonNode n = json.get(field);
        boolean whole = n != null && (n.isIntegralNumber() && n.canConvertToLong()
                || n.isTextual() && n.asText().matches("\\d{1,18}"));
        if (!whole) {
            throw SyncRecorder.incomplete(where + " lacks " + field);
        }
        long v = n.asLong();
        if (v < 0) {
            throw SyncRecorder.incomplete(where + " answered a negative " + field);
        }
        return v;
    }

    /** A required array. */
    static JsonNode array(JsonNode json, String field, String where) {
        JsonNode n = json.get(field);
        if (n == null || !n.isArray()) {
            throw SyncRecorder.incomplete(where + " lacks the " + field + " list");
        }
        return n;
    }

    /** A required non-empty text. */
    static String text(JsonNode json, String field, String where) {
        JsonNode n = json.get(field);
        if (n == null || !n.isValueNode() || n.asText().isEmpty()) {
            throw SyncRecorder.incomplete(where + " lacks " + field);
        }
        return n.asText();
    }

    /** Reads a checked node into one of the client's records. */
    static <T> T convert(JsonNode json, Class<T> type, String where) {
        try {
            return JSON.treeToValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new WeChatException("incomplete answer from WeChat: " + where + " has an unexpected shape", e);
        }
    }
}
