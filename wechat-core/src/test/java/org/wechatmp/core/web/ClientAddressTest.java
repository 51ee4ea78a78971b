package org.wechatmp.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final List<String> PROXIES = List.of("10.0.0.0/8", "192.0.2.1", "::1");

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertThat(ClientAddress.resolve("198.51.100.7", "1.2.3.4", PROXIES)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve("198.51.100.7", null, PROXIES)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve("10.1.2.3", "1.2.3.4", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void fromATrustedProxyTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(ClientAddress.resolve("10.1.2.3", "6.6.6.6, 203.0.113.9", PROXIES)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.resolve("10.1.2.3", "6.6.6.6, 203.0.113.9, 10.9.9.9, 192.0.2.1", PROXIES))
                .isEqualTo("203.0.113.9");
        assertThat(ClientAddress.resolve("::1", "2001:db8::5", PROXIES)).isEqualTo("2001:db8::5");
        // garbage the client wrote stops the walk
        assertThat(ClientAddress.resolve("10.1.2.3", "evil.example, 10.2.2.2", PROXIES)).isEqualTo("10.2.2.2");
        assertThat(ClientAddress.resolve("10.1.2.3", "not-an-ip", PROXIES)).isEqualTo("10.1.2.3");
        // all hops trusted: the leftmost
        assertThat(ClientAddress.resolve("10.1.2.3", "10.5.5.5, 10.6.6.6", PROXIES)).isEqualTo("10.5.5.5");
    }

    @Test
    void settingsUseTheSameRuleAndRefuseTypos() {
        WebSettings web = WebSettings.defaults().withTrustedProxies("10.0.0.0/8");
        assertThat(web.clientAddress("10.0.0.1", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThatThrownBy(() -> new WebSettings(null, Set.of(), Set.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSettings(null, Set.of(), Set.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
