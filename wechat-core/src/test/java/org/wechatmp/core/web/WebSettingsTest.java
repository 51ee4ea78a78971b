package org.wechatmp.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSettingsTest {
    @Test
    void theSiteUrlWinsOverAnyHostHeader() {
        WebSettings web = WebSettings.defaults().withSiteUrl("https://example.com/");
        assertThat(web.origin("http", "evil.example", "1.2.3.4", null)).isEqualTo("https://example.com");
        assertThat(web.httpsSite()).isTrue();
        assertThatThrownBy(() -> WebSettings.defaults().withSiteUrl("https://example.com/app"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSettings.defaults().withSiteUrl("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutASiteUrlOnlyAllowedHostsAreUsed() {
        WebSettings web = WebSettings.defaults().withAllowedHosts("Example.com", "api.example.com:8443");
        assertThat(web.origin("http", "example.com:8080", "1.2.3.4", null)).isEqualTo("http://example.com:8080");
        assertThat(web.origin("https", "EXAMPLE.COM", "1.2.3.4", null)).isEqualTo("https://example.com");
        assertThat(web.origin("http", "api.example.com:8443", "1.2.3.4", null))
                .isEqualTo("http://api.example.com:8443");
        for (String forged : new String[] {"evil.example", "api.example.com:9999", "example.com@evil.example",
                "example.com/evil", "", null}) {
            assertThatThrownBy(() -> web.origin("http", forged, "1.2.3.4", null)).as(String.valueOf(forged))
                    .isInstanceOfSatisfying(WebException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo(WebSettings.HOST_REFUSED);
                    });
        }
        assertThatThrownBy(() -> WebSettings.defaults().origin("http", "localhost", "127.0.0.1", null))
                .isInstanceOf(WebException.class);
    }

    @Test
    void forwardedProtoCountsOnlyFromTrustedProxies() {
        WebSettings web = WebSettings.defaults().withAllowedHosts("example.com").withTrustedProxies("10.0.0.1");
        assertThat(web.secure("http", "10.0.0.1", "https")).isTrue();
        assertThat(web.secure("http", "10.0.0.2", "https")).isFalse();
        assertThat(web.secure("https", "10.0.0.2", null)).isTrue();
        assertThat(web.origin("http", "example.com", "10.0.0.1", "https")).isEqualTo("https://example.com");
        assertThat(web.origin("http", "example.com", "10.0.0.2", "https")).isEqualTo("http://example.com");
    }

    @Test
    void readsTheEnvironment() {
        WebSettings web = WebSettings.fromEnv(Map.of("WECHAT_SITE_URL", "https://example.com",
                "WECHAT_ALLOWED_HOSTS", "a.example, b.example", "WECHAT_TRUSTED_PROXIES", "10.0.0.0/8"));
        assertThat(web.siteUrl()).isEqualTo("https://example.com");
        assertThat(web.allowedHosts()).containsExactlyInAnyOrder("a.example", "b.example");
        assertThat(web.trustedProxies()).containsExactly("10.0.0.0/8");
        assertThat(WebSettings.fromEnv(Map.of())).isEqualTo(WebSettings.defaults());
    }

    @Test
    void jsSdkInputsAreReadOneWay() {
        assertThat(JsSdkScript.parseDebug("1")).isTrue();
        assertThat(JsSdkScript.parseDebug("TRUE")).isTrue();
        assertThat(JsSdkScript.parseDebug(" yes ")).isTrue();
        assertThat(JsSdkScript.parseDebug("false")).isFalse();
        assertThat(JsSdkScript.parseDebug("")).isFalse();
        assertThat(JsSdkScript.parseDebug(null)).isFalse();
        assertThat(JsSdkScript.parseApis(" a, ,b,")).containsExactly("a", "b");
        assertThat(JsSdkScript.parseApis(null)).isEmpty();
    }
}
