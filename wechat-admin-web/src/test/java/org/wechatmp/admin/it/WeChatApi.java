package org.wechatmp.admin.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock as the WeChat API: a token for {@code good-secret}, errcode 40125 for any other secret. */
final class WeChatApi implements AutoCloseable {
    final WireMockServer server;

    WeChatApi() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/cgi-bin/token")).atPriority(5).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}")));
        server.stubFor(get(urlPathEqualTo("/cgi-bin/token")).withQueryParam("secret", equalTo("good-secret"))
                .atPriority(1).willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"TOKEN-FROM-DOUBLE\",\"expires_in\":7200}")));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    int tokenCalls() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/cgi-bin/token"))).size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
