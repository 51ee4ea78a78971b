package org.wechatmp.core.web;

import java.util.Collection;

/**
 * The one rule for a request's client address: {@code X-Forwarded-For} is honoured only when the connection comes
 * from a configured trusted proxy, and then read from the right, skipping trusted proxies, so a client cannot choose
 * its own address by sending the header.
 */
public final class ClientAddress {
    /** The request attribute (servlet) and property (JAX-RS) under which the adapters put the resolved address. */
    public static final String ATTRIBUTE = "wechat.client_address";

    private ClientAddress() {
    }

    /**
     * Resolves the client address.
     *
     * @param remoteAddr the address of the TCP peer
     * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
     * @param trustedProxies addresses and CIDR ranges of trusted proxies, e.g. {@code 10.0.0.0/8}
     * @return the client address
     */
    public static String resolve(String remoteAddr, String forwardedFor, Collection<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || trustedProxies.isEmpty()) {
            return remoteAddr == null ? "" : remoteAddr.trim(); // nothing to believe: no list parsed per request
        }
        return resolve(remoteAddr, forwardedFor, AddressSet.cached(trustedProxies));
    }

    static String resolve(String remoteAddr, String forwardedFor, AddressSet trusted) {
        String remote = remoteAddr == null ? "" : remoteAddr.trim();
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted.contains(remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        String candidate = remote;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (AddressSet.literal(hop) == null) {
                return candidate; // garbage to the left of here was written by the client
            }
            candidate = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return candidate;
    }
}
