package org.wechatmp.core.client;

import java.util.List;

/**
 * WeChat's check of the account's callback URL.
 *
 * @param dns the addresses the callback host resolved to
 * @param ping the ping results
 */
public record NetworkCheck(List<Dns> dns, List<Ping> ping) {
    /**
     * Copies the lists.
     *
     * @param dns the addresses the callback host resolved to
     * @param ping the ping results
     */
    public NetworkCheck {
        dns = List.copyOf(dns);
        ping = List.copyOf(ping);
    }

    /**
     * A resolved address.
     *
     * @param ip the address
     * @param realOperator its carrier
     */
    public record Dns(String ip, String realOperator) {
    }

    /**
     * A ping result.
     *
     * @param ip the address
     * @param fromOperator the carrier pinged from
     * @param packageLoss the loss, e.g. {@code 0%}
     * @param time the round trip, e.g. {@code 23.079ms}
     */
    public record Ping(String ip, String fromOperator, String packageLoss, String time) {
    }
}
