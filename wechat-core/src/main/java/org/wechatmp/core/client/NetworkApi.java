package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WeChat's addresses and a network check: the IPs callbacks come from (for a firewall allow-list), the IPs of the
 * API domain, and WeChat's own DNS and ping check of the account's callback URL.
 */
public final class NetworkApi {
    /** What {@link #check} tests. */
    public enum CheckAction {
        /** DNS resolution and ping. */
        ALL,
        /** DNS resolution only. */
        DNS,
        /** Ping only. */
        PING
    }

    /** Which carrier {@link #check} tests from. */
    public enum Operator {
        /** China Telecom. */
        CHINANET,
        /** China Unicom. */
        UNICOM,
        /** Tencent's own network. */
        CAP,
        /** Chosen by the network. */
        DEFAULT
    }

    private final ApiExecutor x;

    NetworkApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The IP addresses WeChat's callbacks come from.
     *
     * @return the addresses
     */
    public List<String> callbackIps() {
        return strings(x.json(ApiExecutor.get("/cgi-bin/getcallbackip", null)).path("ip_list"));
    }

    /**
     * The IP addresses of the API domain {@code api.weixin.qq.com}.
     *
     * @return the addresses
     */
    public List<String> apiDomainIps() {
        return strings(x.json(ApiExecutor.get("/cgi-bin/get_api_domain_ip", null)).path("ip_list"));
    }

    /**
     * Asks WeChat to resolve and ping the account's callback URL.
     *
     * @param action what to test
     * @param operator from which carrier
     * @return the results
     */
    public NetworkCheck check(CheckAction action, Operator operator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
        body.put("check_operator", operator.name());
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/callback/check", body));
        List<NetworkCheck.Dns> dns = new ArrayList<>();
        for (JsonNode d : json.path("dns")) {
            dns.add(new NetworkCheck.Dns(d.path("ip").asText(""), d.path("real_operator").asText("")));
        }
        List<NetworkCheck.Ping> ping = new ArrayList<>();
        for (JsonNode p : json.path("ping")) {
            ping.add(new NetworkCheck.Ping(p.path("ip").asText(""), p.path("from_operator").asText(""),
                    p.path("package_loss").asText(""), p.path("time").asText("")));
        }
        return new NetworkCheck(dns, ping);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
