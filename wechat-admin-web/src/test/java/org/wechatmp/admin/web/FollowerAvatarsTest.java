package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which avatar URLs the proxy fetches: WeChat's image hosts and the account's api_base host and port only. */
class FollowerAvatarsTest {
    @Test
    void onlyWeChatImageHostsAndTheApiBaseAreFetched() {
        assertThat(FollowerAvatars.allowed(URI.create("https://thirdwx.qlogo.cn/mmopen/vi_32/x/132"), null)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("http://wx.qlogo.cn/mmopen/x/0"), null)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("https://mmbiz.qpic.cn/x.png"), null)).isTrue();
        String base = "http://127.0.0.1:9100";
        assertThat(FollowerAvatars.allowed(URI.create("http://127.0.0.1:9100/mmopen/x/132"), base)).isTrue();
        assertThat(FollowerAvatars.allowed(URI.create("http://127.0.0.1:9101/mmopen/x/132"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("https://127.0.0.1:9100/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://evil.example/qlogo.cn/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://qlogo.cn.evil.example/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://x.qlogo.cn:8080/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://user@x.qlogo.cn/x"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("file:///etc/passwd"), base)).isFalse();
        assertThat(FollowerAvatars.allowed(URI.create("http://169.254.169.254/latest"), null)).isFalse();
    }
}
