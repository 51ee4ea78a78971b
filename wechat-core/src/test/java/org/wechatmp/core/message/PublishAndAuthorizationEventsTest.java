package org.wechatmp.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wechatmp.core.message.MessageParserTest.event;
import static org.wechatmp.core.message.MessageParserTest.parse;

import org.junit.jupiter.api.Test;

/**
 * {@code PUBLISHJOBFINISH} and the user-authorization events, as WeChat's documentation shows them, typed rather than
 * {@link UnknownMessage}; the subscription events' entries typed per template.
 */
class PublishAndAuthorizationEventsTest {

    @Test
    void publishSuccessCarriesTheArticleAndItsUrls() {
        PublishJobFinishEvent m = parse(event("PUBLISHJOBFINISH", "<PublishEventInfo>"
                + "<publish_id>2247503051</publish_id><publish_status>0</publish_status>"
                + "<article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy WP4Hq4]]></article_id>"
                + "<article_detail><count>2</count><item><idx>1</idx><article_url><![CDATA[http://a/1]]></article_url>"
                + "</item><item><idx>2</idx><article_url><![CDATA[http://a/2]]></article_url></item></article_detail>"
                + "</PublishEventInfo>"), PublishJobFinishEvent.class);
        assertThat(m.event()).isEqualTo("publishjobfinish");
        assertThat(m.publishId()).isEqualTo(2247503051L);
        assertThat(m.publishStatus()).isZero();
        assertThat(m.succeeded()).isTrue();
        assertThat(m.articleId()).isEqualTo("b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy WP4Hq4");
        assertThat(m.articles()).containsExactly(new PublishJobFinishEvent.Article(1, "http://a/1"),
                new PublishJobFinishEvent.Article(2, "http://a/2"));
        assertThat(m.failIdx()).isEmpty();
    }

    @Test
    void publishFailureCarriesTheFailedIndexes() {
        PublishJobFinishEvent m = parse(event("PUBLISHJOBFINISH", "<PublishEventInfo>"
                + "<publish_id>2247503052</publish_id><publish_status>2</publish_status>"
                + "<fail_idx>1</fail_idx><fail_idx>3</fail_idx></PublishEventInfo>"), PublishJobFinishEvent.class);
        assertThat(m.publishStatus()).isEqualTo(2);
        assertThat(m.succeeded()).isFalse();
        assertThat(m.failIdx()).containsExactly(1, 3);
        assertThat(m.articles()).isEmpty();
        assertThat(m.articleId()).isEmpty();

        PublishJobFinishEvent one = parse(event("PUBLISHJOBFINISH", "<PublishEventInfo><publish_id>7</publish_id>"
                + "<publish_status>4</publish_status><fail_idx>2</fail_idx></PublishEventInfo>"),
                PublishJobFinishEvent.class);
        assertThat(one.failIdx()).containsExactly(2);
    }

    @Test
    void aPublishEventWithoutInfoIsStillTyped() {
        PublishJobFinishEvent m = parse(event("PUBLISHJOBFINISH", ""), PublishJobFinishEvent.class);
        assertThat(m.publishId()).isZero();
        assertThat(m.publishStatus()).isEqualTo(-1);
        assertThat(m.failIdx()).isEmpty();
    }

    @Test
    void userAuthorizationRevoke() {
        UserAuthorizationEvent m = parse(event("user_authorization_revoke", "<OpenID><![CDATA[owAqB1nqaOYYWl0Ng]]>"
                + "</OpenID><AppID><![CDATA[wx13974bf780d3dc89]]></AppID><RevokeInfo><![CDATA[205]]></RevokeInfo>"),
                UserAuthorizationEvent.class);
        assertThat(m.openid()).isEqualTo("owAqB1nqaOYYWl0Ng");
        assertThat(m.appId()).isEqualTo("wx13974bf780d3dc89");
        assertThat(m.revokeInfo()).isEqualTo("205");
        assertThat(m.unionid()).isEmpty();
        assertThat(m.requiresDeletion()).isTrue();
    }

    @Test
    void userInfoModifiedAndCancellation() {
        UserAuthorizationEvent modified = parse(event("user_info_modified", "<AppID><![CDATA[wx1]]></AppID>"),
                UserAuthorizationEvent.class);
        assertThat(modified.requiresDeletion()).isFalse();
        assertThat(modified.openid()).isEqualTo("oUser1");
        UserAuthorizationEvent cancelled = parse(event("user_authorization_cancellation", "<OpenID>oX</OpenID>"
                + "<UnionID>uX</UnionID>"), UserAuthorizationEvent.class);
        assertThat(cancelled.requiresDeletion()).isTrue();
        assertThat(cancelled.openid()).isEqualTo("oX");
        assertThat(cancelled.unionid()).isEqualTo("uX");
    }

    @Test
    void subscriptionEventsAreTypedPerTemplate() {
        SubscribeMessageEvent popup = parse(event("subscribe_msg_popup_event", "<SubscribeMsgPopupEvent>"
                + "<List><TemplateId><![CDATA[T1]]></TemplateId><SubscribeStatusString><![CDATA[accept]]>"
                + "</SubscribeStatusString><PopupScene>2</PopupScene></List>"
                + "<List><TemplateId><![CDATA[T2]]></TemplateId><SubscribeStatusString><![CDATA[reject]]>"
                + "</SubscribeStatusString><PopupScene>1</PopupScene></List></SubscribeMsgPopupEvent>"),
                SubscribeMessageEvent.class);
        assertThat(popup.subscriptions()).containsExactly(
                new SubscribeMessageEvent.Subscription("T1", "accept", 2, 0L, -1, ""),
                new SubscribeMessageEvent.Subscription("T2", "reject", 1, 0L, -1, ""));
        assertThat(popup.subscriptions().get(0).accepted()).isTrue();
        assertThat(popup.subscriptions().get(1).accepted()).isFalse();

        SubscribeMessageEvent sent = parse(event("subscribe_msg_sent_event", "<SubscribeMsgSentEvent><List>"
                + "<TemplateId><![CDATA[T3]]></TemplateId><MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode>"
                + "<ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>"),
                SubscribeMessageEvent.class);
        assertThat(sent.subscriptions()).containsExactly(new SubscribeMessageEvent.Subscription("T3", "", -1,
                1700827132819554304L, 0, "success"));
    }
}
