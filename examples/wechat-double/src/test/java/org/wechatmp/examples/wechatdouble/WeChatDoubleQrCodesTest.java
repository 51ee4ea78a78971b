package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.QrCode;
import org.wechatmp.core.client.WeChatClient;

/** QR codes (create, showqrcode) and queued error answers of the double. */
class WeChatDoubleQrCodesTest {
    static WeChatDouble dbl;
    static WeChatClient client;

    @BeforeAll
    static void start() {
        dbl = WeChatDouble.start(0);
        client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(dbl.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
    }

    @AfterAll
    static void stop() {
        dbl.close();
    }

    private static HttpResponse<byte[]> show(String ticket) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dbl.baseUrl()
                + "/cgi-bin/showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aTemporaryCodeIsCappedAtThirtyDaysAndItsTicketShowsAPng() throws Exception {
        QrCode code = client.qrCodes().temporary("spring-sale", Duration.ofDays(40));
        assertThat(code.expireSeconds()).isEqualTo(2_592_000L);
        assertThat(code.url()).startsWith("http://weixin.qq.com/q/");
        HttpResponse<byte[]> png = show(code.ticket());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(dbl.requestBodies("/cgi-bin/qrcode/create").get(0)).contains("QR_STR_SCENE", "spring-sale");
    }

    @Test
    void aPermanentCodeHasNoLifetimeAndAnUnknownTicketIsNotFound() throws Exception {
        QrCode code = client.qrCodes().permanent("poster");
        assertThat(code.expireSeconds()).isZero();
        assertThat(show("gQnope").statusCode()).isEqualTo(404);
    }

    @Test
    void aBadSceneIsRefusedAsWeChatDoes() {
        assertThatThrownBy(() -> client.qrCodes().permanent("x".repeat(65)))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40053));
        assertThatThrownBy(() -> client.qrCodes().permanent(100_001))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40053));
    }

    @Test
    void aQueuedErrorAnswersOnceThenTheUsualAnswerIsBack() {
        dbl.failNext("/datacube/getusersummary", 61501, "date range error");
        LocalDate day = LocalDate.parse("2026-03-02");
        assertThatThrownBy(() -> client.dataCube().userSummary(day, day))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(61501));
        assertThat(client.dataCube().userSummary(day, day)).isNotEmpty();
    }
}
