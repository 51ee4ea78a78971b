package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.client.TemplateMessage;
import org.wechatmp.core.client.WeChatClient;

/** The double's stateful templates and the customer-service window's 45015, through the typed client. */
class WeChatDoubleTemplatesTest {
    WeChatDouble dbl;
    WeChatClient client;

    @BeforeEach
    void start() {
        dbl = WeChatDouble.start(0);
        client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(dbl.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
    }

    @AfterEach
    void stop() {
        dbl.close();
    }

    @Test
    void templatesAreListedSentWithANewMsgidEachAndDeleted() {
        assertThat(client.templates().list()).extracting(Template::templateId).contains("DEMO_TEMPLATE",
                "DEMO_TEMPLATE_BOOKING");
        long first = client.templates().send(TemplateMessage.of("oSomeone", "DEMO_TEMPLATE", Map.of("first", "你好")));
        long second = client.templates().send(TemplateMessage.of("oSomeone", "DEMO_TEMPLATE", Map.of("first", "再见")));
        assertThat(second).isGreaterThan(first);
        assertThat(dbl.lastTemplateMsgId()).isEqualTo(second);
        assertThat(dbl.requestBodies("/cgi-bin/message/template/send").get(1)).contains("再见");

        assertThatThrownBy(() -> client.templates().send(TemplateMessage.of(WeChatDouble.UNFOLLOWED_OPENID_PREFIX + "1",
                "DEMO_TEMPLATE", Map.of()))).isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.errcode()).isEqualTo(43004));

        String added = client.templates().add("TM00015");
        assertThat(client.templates().list()).extracting(Template::templateId).contains(added);

        client.templates().delete("DEMO_TEMPLATE_BOOKING");
        assertThat(client.templates().list()).extracting(Template::templateId).doesNotContain("DEMO_TEMPLATE_BOOKING");
        assertThatThrownBy(() -> client.templates().delete("DEMO_TEMPLATE_BOOKING"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40037));
        assertThatThrownBy(() -> client.templates().send(TemplateMessage.of("oSomeone", "DEMO_TEMPLATE_BOOKING",
                Map.of()))).isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.errcode()).isEqualTo(40037));
    }

    @Test
    void customerServiceToAnExpiredFollowerAnswers45015AndOthersOk() {
        client.messages().sendText("oDemoUser0000000000000000001", "你好");
        client.messages().typing("oDemoUser0000000000000000001", true);
        for (Runnable call : new Runnable[] {
            () -> client.messages().sendText(WeChatDouble.EXPIRED_OPENID_PREFIX + "42", "你好"),
            () -> client.messages().typing(WeChatDouble.EXPIRED_OPENID_PREFIX + "42", true)}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(WeChatApiException.class,
                    e -> assertThat(e.errcode()).isEqualTo(45015));
        }
    }
}
