package org.wechatmp.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;

/**
 * A delivery's dedupe key leads with the message's CreateTime (so a store can keep its keys in time order) and tells
 * apart what WeChat tells apart: a redelivery has the key of its first delivery, while another message, another
 * account, or the same event from the same user at another second has its own.
 */
class DeliveryKeyTest {
    static final Account DEMO = Account.of("demo", "wxdemo", "secret", "token");
    static final Account OTHER = Account.of("other", "wxother", "secret", "token");

    static WeChatMessage text(long createTime, long msgId) {
        return MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>"
                + msgId + "</MsgId></xml>");
    }

    static WeChatMessage click(long createTime, String from, String key) {
        return MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>" + from
                + "</FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType>event</MsgType>"
                + "<Event>CLICK</Event><EventKey><![CDATA[" + key + "]]></EventKey></xml>");
    }

    @Test
    void aKeyBeginsWithTheMessagesCreateTime() {
        assertThat(Deliveries.key(DEMO, text(1700000000, 42))).startsWith("1700000000:");
        assertThat(Deliveries.key(DEMO, click(1700000001, "o1", "k"))).startsWith("1700000001:");
    }

    @Test
    void aRedeliveryHasTheKeyOfItsFirstDelivery() {
        assertThat(Deliveries.key(DEMO, text(1700000000, 42))).isEqualTo(Deliveries.key(DEMO, text(1700000000, 42)));
        assertThat(Deliveries.key(DEMO, click(1700000000, "o1", "k")))
                .isEqualTo(Deliveries.key(DEMO, click(1700000000, "o1", "k")));
    }

    @Test
    void otherMessagesAccountsSendersAndSecondsHaveTheirOwnKeys() {
        String message = Deliveries.key(DEMO, text(1700000000, 42));
        assertThat(message)
                .isNotEqualTo(Deliveries.key(DEMO, text(1700000000, 43)))
                .isNotEqualTo(Deliveries.key(OTHER, text(1700000000, 42)));

        String event = Deliveries.key(DEMO, click(1700000000, "o1", "k"));
        assertThat(event)
                .isNotEqualTo(Deliveries.key(DEMO, click(1700000001, "o1", "k")))
                .isNotEqualTo(Deliveries.key(DEMO, click(1700000000, "o2", "k")))
                .isNotEqualTo(Deliveries.key(DEMO, click(1700000000, "o1", "k2")))
                .isNotEqualTo(Deliveries.key(OTHER, click(1700000000, "o1", "k")));
    }
}
