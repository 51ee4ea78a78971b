package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.EncryptMode;

class ReplyForwardPolicyTest {
    static final Account REMOTE = Account.of("a", "wx1", "s", "t");

    static Account withApiBase(String base) {
        return new Account("b", "b", Account.Type.SERVICE, "wx2", "s", "t", "", EncryptMode.PLAIN, false, false,
                Map.of("api_base", base));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://localhost:8080/", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://[::1]/",
            "http://[fd00::1]/", "http://100.64.0.1/", "http://224.0.0.1/"})
    void internalAddressesAreRefused(String url) {
        assertThat(ReplyForwardPolicy.check(url, REMOTE)).extracting(HandlerProblem::key)
                .isEqualTo("replies.err.forward.internal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@1.1.1.1/",
            "//1.1.1.1/x", "http://", "not a url", "gopher://1.1.1.1/"})
    void onlyPlainHttpUrlsWithAHostAreAccepted(String url) {
        assertThat(ReplyForwardPolicy.check(url, REMOTE)).extracting(HandlerProblem::key)
                .isEqualTo("replies.err.forward.url");
    }

    @Test
    void aPublicAddressIsAcceptedAndAnUnresolvableHostRefused() {
        assertThat(ReplyForwardPolicy.check("https://1.1.1.1/hook?x=1", REMOTE)).isNull();
        assertThat(ReplyForwardPolicy.check("https://no-such-host.invalid/", REMOTE)).extracting(HandlerProblem::key)
                .isEqualTo("replies.err.forward.unresolved");
        assertThat(ReplyForwardPolicy.check("", REMOTE)).extracting(HandlerProblem::key)
                .isEqualTo("replies.err.forward.empty");
    }

    @Test
    void anAccountWhoseApiBaseIsLocalMayForwardLocally() {
        assertThat(ReplyForwardPolicy.check("http://127.0.0.1:9/x", withApiBase("http://127.0.0.1:9100"))).isNull();
        assertThat(ReplyForwardPolicy.check("http://10.0.0.5/x", withApiBase("http://localhost:9100"))).isNull();
        assertThat(ReplyForwardPolicy.check("http://127.0.0.1/x", withApiBase("https://api.weixin.qq.com")))
                .isNotNull();
        assertThat(ReplyForwardPolicy.check("ftp://127.0.0.1/x", withApiBase("http://127.0.0.1:9100")))
                .as("the scheme is checked even then").isNotNull();
    }

    @Test
    void publicAddressesAreNotInternal() throws Exception {
        assertThat(ReplyForwardPolicy.internal(InetAddress.getByName("8.8.8.8"))).isFalse();
        assertThat(ReplyForwardPolicy.internal(InetAddress.getByName("2606:4700:4700::1111"))).isFalse();
    }
}
