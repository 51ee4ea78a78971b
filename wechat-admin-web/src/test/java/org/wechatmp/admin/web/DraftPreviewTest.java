package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.EncryptMode;

class DraftPreviewTest {
    private static final Account A = new Account("demo", "Demo", Account.Type.SERVICE, "wx1", "s", "t", "",
            EncryptMode.PLAIN, false, false, Map.of("api_base", "http://127.0.0.1:9100"));

    @Test
    void scriptsHandlersAndStylesAreRemoved() {
        String out = DraftPreview.sanitize("<p style=\"color:red\" onclick=\"x()\">Hi<script>alert(1)</script>"
                + "<iframe src=\"https://evil.example\"></iframe><a href=\"javascript:alert(2)\">j</a>"
                + "<a href=\"https://example.com\">ok</a></p>", A, "/ctx");
        assertThat(out).doesNotContain("script", "onclick", "style", "iframe", "javascript:")
                .contains("Hi", "href=\"https://example.com\"", "rel=\"noopener noreferrer\"");
    }

    @Test
    void imagesGoThroughTheProxyOrAreDropped() {
        String out = DraftPreview.sanitize("<img src=\"https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png\">"
                + "<img src=\"http://127.0.0.1:9100/mmbiz-double/img/1.png\"><img src=\"https://evil.example/x.png\">"
                + "<img src=\"http://127.0.0.1:9999/other.png\">", A, "/ctx");
        assertThat(out).contains("src=\"/ctx/a/demo/materials/remote?u=https%3A%2F%2Fmmbiz.qpic.cn%2F",
                "src=\"/ctx/a/demo/materials/remote?u=http%3A%2F%2F127.0.0.1%3A9100%2Fmmbiz-double")
                .doesNotContain("evil.example", "9999", "src=\"https://mmbiz");
    }

    @Test
    void onlyWeChatsHostsAndTheApiBaseAreFetched() {
        assertThat(MaterialStream.allowed(A, "https://mmbiz.qpic.cn/a.png")).isTrue();
        assertThat(MaterialStream.allowed(A, "http://127.0.0.1:9100/x")).isTrue();
        assertThat(MaterialStream.allowed(A, "http://127.0.0.1:8080/x")).isFalse();
        assertThat(MaterialStream.allowed(A, "http://169.254.169.254/latest")).isFalse();
        assertThat(MaterialStream.allowed(A, "file:///etc/passwd")).isFalse();
        assertThat(MaterialStream.allowed(A, "https://user@mmbiz.qpic.cn/a.png")).isFalse();
        assertThat(MaterialStream.allowed(A, "https://mmbiz.qpic.cn.evil.example/a.png")).isFalse();
    }
}
