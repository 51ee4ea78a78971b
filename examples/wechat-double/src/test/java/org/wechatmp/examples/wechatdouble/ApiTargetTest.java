package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ApiTargetTest {
    @Test
    void demoCredentialsWithoutAnApiBaseUseTheDouble() {
        assertThat(ApiTarget.apiBase(Defaults.APP_ID, Defaults.SECRET, null, "WECHAT_API_BASE")).isNull();
        assertThat(ApiTarget.apiBase(Defaults.APP_ID, Defaults.SECRET, " ", "WECHAT_API_BASE")).isNull();
    }

    @Test
    void realCredentialsWithoutAnApiBaseAreRefusedWithoutLeakingTheSecret() {
        assertThatThrownBy(() -> ApiTarget.apiBase("wx1234567890abcdef", "s3cr3t-value", null, "WECHAT_API_BASE"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set WECHAT_API_BASE to https://api.weixin.qq.com")
                .hasMessageContaining("wx1234567890abcdef")
                .hasMessageNotContaining("s3cr3t-value");
        // a real appId with the demo secret is not the demo account either
        assertThatThrownBy(() -> ApiTarget.apiBase("wx1234567890abcdef", Defaults.SECRET, "", "wechat.api-base"))
                .hasMessageContaining("set wechat.api-base to ");
    }

    @Test
    void anApiBaseIsUsedAsGiven() {
        assertThat(ApiTarget.apiBase("wx1234567890abcdef", "s", " https://api.weixin.qq.com ", "X"))
                .isEqualTo(ApiTarget.WECHAT);
        assertThat(ApiTarget.describe(ApiTarget.WECHAT, false)).startsWith("WeChat at ");
        assertThat(ApiTarget.describe("http://127.0.0.1:1", true)).contains("local WeChat double");
    }

    static int get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theDoubleBindsTheAddressItIsGiven() throws Exception {
        String lan = InetAddress.getLocalHost().getHostAddress();   // e.g. 127.0.1.1 or the LAN address
        String token = "/cgi-bin/token?grant_type=client_credential&appid=" + Defaults.APP_ID + "&secret="
                + Defaults.SECRET;
        try (WeChatDouble d = WeChatDouble.builder().host("0.0.0.0").start()) {
            assertThat(d.baseUrl()).startsWith("http://127.0.0.1:");
            String port = d.baseUrl().replaceAll(".*:", "");
            assertThat(get("http://" + lan + ":" + port + token)).isEqualTo(200);   // every interface
        }
        try (WeChatDouble d = WeChatDouble.builder().host(lan).start()) {
            assertThat(d.baseUrl()).startsWith("http://" + lan + ":");
            assertThat(get(d.baseUrl() + token)).isEqualTo(200);
        }
        try (WeChatDouble d = WeChatDouble.start(0)) {
            assertThat(d.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }
}
