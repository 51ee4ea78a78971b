package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short keys (短key托管): WeChat keeps up to 4 KB of data under a short key for up to 30 days, e.g. to fit state into a
 * QR code scene.
 */
public final class ShortKeysApi {
    /** The longest time WeChat keeps data. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(30);

    private final ApiExecutor x;

    ShortKeysApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Stores data under a new short key.
     *
     * @param longData the data, at most 4 KB
     * @param expiry how long to keep it, at most {@link #MAX_EXPIRY} (longer is capped)
     * @return the short key
     */
    public String generate(String longData, Duration expiry) {
        long seconds = Math.min(expiry.toSeconds(), MAX_EXPIRY.toSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("long_data", longData);
        body.put("expire_seconds", seconds);
        return x.json(ApiExecutor.post("/cgi-bin/shorten/gen", body)).path("short_key").asText("");
    }

    /**
     * Reads the data of a short key.
     *
     * @param shortKey the key
     * @return the data
     */
    public ShortKeyData fetch(String shortKey) {
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/shorten/fetch", Map.of("short_key", shortKey)));
        return new ShortKeyData(json.path("long_data").asText(""), json.path("create_time").asLong(),
                json.path("expire_seconds").asLong());
    }
}
