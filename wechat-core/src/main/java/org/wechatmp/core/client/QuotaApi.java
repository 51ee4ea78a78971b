package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * API call quotas: how much of an API's daily quota is used, and resetting quotas (WeChat allows a few resets a
 * month).
 */
public final class QuotaApi {
    private final ApiExecutor x;

    QuotaApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The daily quota of one API.
     *
     * @param cgiPath the API's path, e.g. {@code /cgi-bin/message/custom/send}
     * @return the quota
     */
    public ApiQuota get(String cgiPath) {
        JsonNode q = x.json(ApiExecutor.post("/cgi-bin/openapi/quota/get", Map.of("cgi_path", cgiPath)))
                .path("quota");
        return new ApiQuota(q.path("daily_limit").asLong(), q.path("used").asLong(), q.path("remain").asLong());
    }

    /**
     * Resets every daily quota of the account.
     */
    public void clearAll() {
        x.json(ApiExecutor.post("/cgi-bin/clear_quota", Map.of("appid", x.appId())));
    }

    /**
     * Resets the daily quota of one API.
     *
     * @param cgiPath the API's path
     */
    public void clear(String cgiPath) {
        x.json(ApiExecutor.post("/cgi-bin/openapi/quota/clear", Map.of("cgi_path", cgiPath)));
    }
}
