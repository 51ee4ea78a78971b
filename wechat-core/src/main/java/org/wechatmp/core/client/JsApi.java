package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.wechatmp.core.crypto.Signatures;

/**
 * The JS-SDK: the {@code jsapi_ticket}, cached and refreshed like the access token through the same store, and page
 * signatures for {@code wx.config}.
 */
public final class JsApi {
    private final String appId;
    private final TokenManager ticket;
    private final Clock clock;

    JsApi(String appId, TokenManager ticket, Clock clock) {
        this.appId = appId;
        this.ticket = ticket;
        this.clock = clock;
    }

    static FetchedToken fetchTicket(ApiExecutor x, String type) {
        JsonNode json = x.json(ApiExecutor.get("/cgi-bin/ticket/getticket", Map.of("type", type)));
        return new FetchedToken(json.path("ticket").asText(), Duration.ofSeconds(json.path("expires_in").asLong(7200)));
    }

    /**
     * The current jsapi_ticket, fetched or refreshed when needed.
     *
     * @return the ticket
     */
    public String ticket() {
        return ticket.token();
    }

    /**
     * Signs a page URL with a fresh nonce and the current time.
     *
     * @param url the full page URL (the fragment is dropped)
     * @return the signature and what {@code wx.config} needs besides
     */
    public JsSdkSignature sign(String url) {
        return sign(url, Signatures.randomAlphanumeric(16), clock.millis() / 1000L);
    }

    /**
     * The script that configures the JS-SDK for a page: {@code wx.config({...});}. Only API names of letters are
     * kept, so nothing from the query reaches the script unescaped.
     *
     * @param url the page URL
     * @param apis the JS API names to enable
     * @param debug whether to turn on the JS-SDK's debug mode
     * @return the script
     */
    public String configScript(String url, java.util.List<String> apis, boolean debug) {
        JsSdkSignature s = sign(url);
        com.fasterxml.jackson.databind.node.ObjectNode config = ApiExecutor.JSON.createObjectNode();
        config.put("debug", debug);
        config.put("appId", s.appId());
        config.put("timestamp", s.timestamp());
        config.put("nonceStr", s.nonceStr());
        config.put("signature", s.signature());
        com.fasterxml.jackson.databind.node.ArrayNode list = config.putArray("jsApiList");
        for (String api : apis) {
            if (api.matches("[A-Za-z]{1,64}")) {
                list.add(api);
            }
        }
        return "wx.config(" + config + ");\n";
    }

    /**
     * Signs a page URL with a given nonce and time.
     *
     * @param url the page URL
     * @param nonceStr the nonce
     * @param timestamp seconds since the epoch
     * @return the signature
     */
    public JsSdkSignature sign(String url, String nonceStr, long timestamp) {
        int hash = url.indexOf('#');
        String page = hash < 0 ? url : url.substring(0, hash);
        return new JsSdkSignature(appId, timestamp, nonceStr,
                Signatures.jsapiSignature(ticket(), nonceStr, timestamp, page), page);
    }
}
