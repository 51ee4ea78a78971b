package org.wechatmp.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One sample per message and event type, built from WeChat's reference tables, with every field asserted. */
class MessageParserTest {
    static final MessageParser PARSER = MessageParser.defaults();

    static String message(String type, String body) {
        return "<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[oUser1]]></FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[" + type + "]]></MsgType>" + body + "</xml>";
    }

    static String event(String event, String body) {
        return message("event", "<Event><![CDATA[" + event + "]]></Event>" + body);
    }

    @SuppressWarnings("unchecked")
    static <T extends WeChatMessage> T parse(String xml, Class<T> type) {
        WeChatMessage m = PARSER.parse(xml);
        assertThat(m).isInstanceOf(type);
        assertThat(m.toUserName()).isEqualTo("gh_abc");
        assertThat(m.fromUserName()).isEqualTo("oUser1");
        assertThat(m.createTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(m.createTimeSeconds()).isEqualTo(1_700_000_000L);
        // the same message parsed from bytes is equal
        assertThat(PARSER.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(m);
        return (T) m;
    }

    @Test
    void text() {
        TextMessage m = parse(message("text", "<Content><![CDATA[你好 world]]></Content><MsgId>1234567890123456</MsgId>"),
                TextMessage.class);
        assertThat(m.msgType()).isEqualTo("text");
        assertThat(m.content()).isEqualTo("你好 world");
        assertThat(m.msgId()).isEqualTo(1234567890123456L);
        assertThat(m.isEvent()).isFalse();
        assertThat(m.event()).isEmpty();
        assertThat(m.bizMsgMenuId()).isEmpty();
    }

    @Test
    void textAnsweringAMessageMenu() {
        TextMessage m = parse(message("text", "<Content><![CDATA[yes]]></Content><MsgId>1</MsgId>"
                + "<bizmsgmenuid>101</bizmsgmenuid>"), TextMessage.class);
        assertThat(m.bizMsgMenuId()).isEqualTo("101");
    }

    @Test
    void image() {
        ImageMessage m = parse(message("image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/x.jpg]]></PicUrl>"
                + "<MediaId><![CDATA[media_1]]></MediaId><MsgId>11</MsgId>"), ImageMessage.class);
        assertThat(m.picUrl()).isEqualTo("http://mmbiz.qpic.cn/x.jpg");
        assertThat(m.mediaId()).isEqualTo("media_1");
        assertThat(m.msgId()).isEqualTo(11L);
    }

    @Test
    void voiceWithRecognition() {
        VoiceMessage m = parse(message("voice", "<MediaId><![CDATA[v1]]></MediaId><Format><![CDATA[amr]]></Format>"
                + "<Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>12</MsgId>"), VoiceMessage.class);
        assertThat(m.mediaId()).isEqualTo("v1");
        assertThat(m.format()).isEqualTo("amr");
        assertThat(m.recognition()).isEqualTo("腾讯微信团队");
    }

    @Test
    void videoAndShortVideo() {
        String body = "<MediaId><![CDATA[m1]]></MediaId><ThumbMediaId><![CDATA[t1]]></ThumbMediaId><MsgId>13</MsgId>";
        VideoMessage v = parse(message("video", body), VideoMessage.class);
        assertThat(v.mediaId()).isEqualTo("m1");
        assertThat(v.thumbMediaId()).isEqualTo("t1");
        ShortVideoMessage s = parse(message("shortvideo", body), ShortVideoMessage.class);
        assertThat(s.mediaId()).isEqualTo("m1");
        assertThat(s.thumbMediaId()).isEqualTo("t1");
        assertThat(s.msgType()).isEqualTo("shortvideo");
    }

    @Test
    void location() {
        LocationMessage m = parse(message("location", "<Location_X>23.134521</Location_X>"
                + "<Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label>"
                + "<MsgId>14</MsgId>"), LocationMessage.class);
        assertThat(m.locationX()).isEqualTo(23.134521);
        assertThat(m.locationY()).isEqualTo(113.358803);
        assertThat(m.scale()).isEqualTo(20);
        assertThat(m.label()).isEqualTo("位置信息");
    }

    @Test
    void link() {
        LinkMessage m = parse(message("link", "<Title><![CDATA[公众平台官网链接]]></Title>"
                + "<Description><![CDATA[desc]]></Description><Url><![CDATA[https://example.com/a?b=1&c=2]]></Url>"
                + "<MsgId>15</MsgId>"), LinkMessage.class);
        assertThat(m.title()).isEqualTo("公众平台官网链接");
        assertThat(m.description()).isEqualTo("desc");
        assertThat(m.url()).isEqualTo("https://example.com/a?b=1&c=2");
    }

    @Test
    void miniProgramPage() {
        MiniProgramPageMessage m = parse(message("miniprogrampage", "<MsgId>16</MsgId>"
                + "<Title><![CDATA[title]]></Title><AppId><![CDATA[wxapp]]></AppId>"
                + "<PagePath><![CDATA[pages/index?x=1]]></PagePath><ThumbUrl><![CDATA[http://t/u]]></ThumbUrl>"
                + "<ThumbMediaId><![CDATA[tm]]></ThumbMediaId>"), MiniProgramPageMessage.class);
        assertThat(m.appId()).isEqualTo("wxapp");
        assertThat(m.title()).isEqualTo("title");
        assertThat(m.pagePath()).isEqualTo("pages/index?x=1");
        assertThat(m.thumbUrl()).isEqualTo("http://t/u");
        assertThat(m.thumbMediaId()).isEqualTo("tm");
    }

    @Test
    void subscribeAndScanSubscribe() {
        SubscribeEvent plain = parse(event("subscribe", "<EventKey><![CDATA[]]></EventKey>"), SubscribeEvent.class);
        assertThat(plain.isEvent()).isTrue();
        assertThat(plain.event()).isEqualTo("subscribe");
        assertThat(plain.isScan()).isFalse();
        assertThat(plain.scene()).isEmpty();
        assertThat(plain.eventKey()).isEmpty();

        SubscribeEvent scan = parse(event("subscribe", "<EventKey><![CDATA[qrscene_123123]]></EventKey>"
                + "<Ticket><![CDATA[TICKET]]></Ticket>"), SubscribeEvent.class);
        assertThat(scan.isScan()).isTrue();
        assertThat(scan.scene()).isEqualTo("123123");
        assertThat(scan.ticket()).isEqualTo("TICKET");
        assertThat(scan.eventKey()).isEqualTo("qrscene_123123");
    }

    @Test
    void unsubscribe() {
        UnsubscribeEvent m = parse(event("unsubscribe", ""), UnsubscribeEvent.class);
        assertThat(m.event()).isEqualTo("unsubscribe");
    }

    @Test
    void scanMatchesCaseInsensitively() {
        ScanEvent m = parse(event("SCAN", "<EventKey><![CDATA[SCENE_VALUE]]></EventKey>"
                + "<Ticket><![CDATA[TICKET]]></Ticket>"), ScanEvent.class);
        assertThat(m.event()).isEqualTo("scan");
        assertThat(m.scene()).isEqualTo("SCENE_VALUE");
        assertThat(m.ticket()).isEqualTo("TICKET");
        assertThat(PARSER.parse(event("scan", ""))).isInstanceOf(ScanEvent.class);
    }

    @Test
    void locationEvent() {
        LocationEvent m = parse(event("LOCATION", "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude>"
                + "<Precision>119.385040</Precision>"), LocationEvent.class);
        assertThat(m.latitude()).isEqualTo(23.137466);
        assertThat(m.longitude()).isEqualTo(113.352425);
        assertThat(m.precision()).isEqualTo(119.385040);
    }

    @Test
    void click() {
        ClickEvent m = parse(event("CLICK", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>"), ClickEvent.class);
        assertThat(m.event()).isEqualTo("click");
        assertThat(m.key()).isEqualTo("V1001_TODAY_MUSIC");
    }

    @Test
    void view() {
        ViewEvent m = parse(event("VIEW", "<EventKey><![CDATA[http://www.qq.com/]]></EventKey><MenuId>12</MenuId>"),
                ViewEvent.class);
        assertThat(m.url()).isEqualTo("http://www.qq.com/");
        assertThat(m.menuId()).isEqualTo("12");
    }

    @Test
    void viewMiniprogram() {
        ViewMiniprogramEvent m = parse(event("view_miniprogram", "<EventKey><![CDATA[pages/index/index]]></EventKey>"
                + "<MenuId>MENUID</MenuId>"), ViewMiniprogramEvent.class);
        assertThat(m.pagePath()).isEqualTo("pages/index/index");
        assertThat(m.menuId()).isEqualTo("MENUID");
    }

    @Test
    void scancodePushAndWaitmsg() {
        for (String e : List.of("scancode_push", "scancode_waitmsg")) {
            ScanCodeEvent m = parse(event(e, "<EventKey><![CDATA[6]]></EventKey><ScanCodeInfo>"
                    + "<ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"),
                    ScanCodeEvent.class);
            assertThat(m.event()).isEqualTo(e);
            assertThat(m.key()).isEqualTo("6");
            assertThat(m.scanType()).isEqualTo("qrcode");
            assertThat(m.scanResult()).isEqualTo("1");
        }
    }

    @Test
    void picEventsWithOneAndManyPictures() {
        for (String e : List.of("pic_sysphoto", "pic_photo_or_album", "pic_weixin")) {
            PicEvent one = parse(event(e, "<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>1</Count>"
                    + "<PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>"
                    + "</PicList></SendPicsInfo>"), PicEvent.class);
            assertThat(one.event()).isEqualTo(e);
            assertThat(one.key()).isEqualTo("6");
            assertThat(one.count()).isEqualTo(1);
            assertThat(one.picMd5Sums()).containsExactly("1b5f7c23b5bf75682a53e7b6d163e185");
        }
        PicEvent two = parse(event("pic_weixin", "<EventKey><![CDATA[k]]></EventKey><SendPicsInfo><Count>2</Count>"
                + "<PicList><item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[b]]>"
                + "</PicMd5Sum></item></PicList></SendPicsInfo>"), PicEvent.class);
        assertThat(two.count()).isEqualTo(2);
        assertThat(two.picMd5Sums()).containsExactly("a", "b");
    }

    @Test
    void locationSelect() {
        LocationSelectEvent m = parse(event("location_select", "<EventKey><![CDATA[6]]></EventKey><SendLocationInfo>"
                + "<Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y>"
                + "<Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label>"
                + "<Poiname><![CDATA[]]></Poiname></SendLocationInfo>"), LocationSelectEvent.class);
        assertThat(m.key()).isEqualTo("6");
        assertThat(m.locationX()).isEqualTo(23d);
        assertThat(m.locationY()).isEqualTo(113d);
        assertThat(m.scale()).isEqualTo(15);
        assertThat(m.label()).isEqualTo(" 广州市海珠区客村艺苑路 106号");
        assertThat(m.poiName()).isEmpty();
    }

    @Test
    void templateSendJobFinish() {
        TemplateSendJobFinishEvent m = parse(event("TEMPLATESENDJOBFINISH", "<MsgID>200163836</MsgID>"
                + "<Status><![CDATA[success]]></Status>"), TemplateSendJobFinishEvent.class);
        assertThat(m.event()).isEqualTo("templatesendjobfinish");
        assertThat(m.msgId()).isEqualTo(200163836L);
        assertThat(m.status()).isEqualTo("success");
    }

    @Test
    void massSendJobFinish() {
        MassSendJobFinishEvent m = parse(event("MASSSENDJOBFINISH", "<MsgID>1988</MsgID>"
                + "<Status><![CDATA[sendsuccess]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount>"
                + "<SentCount>75</SentCount><ErrorCount>5</ErrorCount><CopyrightCheckResult><Count>2</Count>"
                + "<ResultList><item><ArticleIdx>1</ArticleIdx></item><item><ArticleIdx>2</ArticleIdx></item>"
                + "</ResultList><CheckState>2</CheckState></CopyrightCheckResult>"
                + "<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx>"
                + "<ArticleUrl><![CDATA[http://a]]></ArticleUrl></item></ResultList></ArticleUrlResult>"),
                MassSendJobFinishEvent.class);
        assertThat(m.msgId()).isEqualTo(1988L);
        assertThat(m.status()).isEqualTo("sendsuccess");
        assertThat(m.totalCount()).isEqualTo(100);
        assertThat(m.filterCount()).isEqualTo(80);
        assertThat(m.sentCount()).isEqualTo(75);
        assertThat(m.errorCount()).isEqualTo(5);
        assertThat(m.copyrightCheckResult().intValue("CheckState", 0)).isEqualTo(2);
        assertThat(m.copyrightCheckResult().child("ResultList").children("item")).hasSize(2);
        assertThat(m.articleUrlResult().child("ResultList").child("item").text("ArticleUrl")).isEqualTo("http://a");
    }

    @Test
    void subscribeMessageEvents() {
        SubscribeMessageEvent popup = parse(event("subscribe_msg_popup_event", "<SubscribeMsgPopupEvent>"
                + "<List><TemplateId><![CDATA[T1]]></TemplateId><SubscribeStatusString><![CDATA[accept]]>"
                + "</SubscribeStatusString><PopupScene>2</PopupScene></List>"
                + "<List><TemplateId><![CDATA[T2]]></TemplateId><SubscribeStatusString><![CDATA[reject]]>"
                + "</SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>"),
                SubscribeMessageEvent.class);
        assertThat(popup.entries()).hasSize(2);
        assertThat(popup.entries().get(0).text("TemplateId")).isEqualTo("T1");
        assertThat(popup.entries().get(1).text("SubscribeStatusString")).isEqualTo("reject");
        assertThat(popup.entries().get(1).intValue("PopupScene", 0)).isEqualTo(2);

        SubscribeMessageEvent change = parse(event("subscribe_msg_change_event", "<SubscribeMsgChangeEvent><List>"
                + "<TemplateId><![CDATA[T3]]></TemplateId><SubscribeStatusString><![CDATA[reject]]>"
                + "</SubscribeStatusString></List></SubscribeMsgChangeEvent>"), SubscribeMessageEvent.class);
        assertThat(change.entries()).singleElement().satisfies(e -> assertThat(e.text("TemplateId")).isEqualTo("T3"));

        SubscribeMessageEvent sent = parse(event("subscribe_msg_sent_event", "<SubscribeMsgSentEvent><List>"
                + "<TemplateId><![CDATA[T4]]></TemplateId><MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode>"
                + "<ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>"),
                SubscribeMessageEvent.class);
        assertThat(sent.entries().get(0).longValue("MsgID", 0)).isEqualTo(1700827132819554304L);
        assertThat(sent.entries().get(0).text("ErrorStatus")).isEqualTo("success");
    }

    @Test
    void kfSessionEvents() {
        KfSessionEvent create = parse(event("kf_create_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>"),
                KfSessionEvent.class);
        assertThat(create.kfAccount()).isEqualTo("test1@test");
        KfSessionEvent close = parse(event("kf_close_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>"),
                KfSessionEvent.class);
        assertThat(close.event()).isEqualTo("kf_close_session");
        KfSessionEvent sw = parse(event("kf_switch_session", "<FromKfAccount><![CDATA[a@t]]></FromKfAccount>"
                + "<ToKfAccount><![CDATA[b@t]]></ToKfAccount>"), KfSessionEvent.class);
        assertThat(sw.fromKfAccount()).isEqualTo("a@t");
        assertThat(sw.toKfAccount()).isEqualTo("b@t");
    }

    @Test
    void cardEvents() {
        CardEvent get = parse(event("user_get_card", "<CardId><![CDATA[pcard]]></CardId>"
                + "<IsGiveByFriend>1</IsGiveByFriend><UserCardCode><![CDATA[12312312]]></UserCardCode>"
                + "<FriendUserName><![CDATA[oFriend]]></FriendUserName><OuterStr><![CDATA[12b]]></OuterStr>"
                + "<OldUserCardCode><![CDATA[old]]></OldUserCardCode><UnionId><![CDATA[oUnion]]></UnionId>"),
                CardEvent.class);
        assertThat(get.cardId()).isEqualTo("pcard");
        assertThat(get.isGiveByFriend()).isEqualTo(1);
        assertThat(get.userCardCode()).isEqualTo("12312312");
        assertThat(get.friendUserName()).isEqualTo("oFriend");
        assertThat(get.outerStr()).isEqualTo("12b");
        assertThat(get.oldUserCardCode()).isEqualTo("old");
        assertThat(get.unionId()).isEqualTo("oUnion");

        CardEvent refused = parse(event("card_not_pass_check", "<CardId><![CDATA[c]]></CardId>"
                + "<RefuseReason><![CDATA[非法代制]]></RefuseReason>"), CardEvent.class);
        assertThat(refused.refuseReason()).isEqualTo("非法代制");
        CardEvent consume = parse(event("user_consume_card", "<CardId><![CDATA[c]]></CardId>"
                + "<UserCardCode><![CDATA[1]]></UserCardCode><ConsumeSource><![CDATA[FROM_API]]></ConsumeSource>"
                + "<StaffOpenId><![CDATA[oStaff]]></StaffOpenId>"), CardEvent.class);
        assertThat(consume.consumeSource()).isEqualTo("FROM_API");
        assertThat(consume.staffOpenId()).isEqualTo("oStaff");
        CardEvent sku = parse(event("card_sku_remind", "<CardId><![CDATA[c]]></CardId>"
                + "<Detail><![CDATA[the card's quantity is equal to 0]]></Detail>"), CardEvent.class);
        assertThat(sku.detail()).isEqualTo("the card's quantity is equal to 0");
        CardEvent order = parse(event("card_pay_order", "<OrderId><![CDATA[Z2y2rY74ksZX1ceuGbMY]]></OrderId>"),
                CardEvent.class);
        assertThat(order.orderId()).isEqualTo("Z2y2rY74ksZX1ceuGbMY");
        for (String e : List.of("card_pass_check", "user_gifting_card", "user_del_card", "user_pay_from_pay_cell",
                "user_view_card", "user_enter_session_from_card", "update_member_card",
                "submit_membercard_user_info")) {
            CardEvent m = parse(event(e, "<CardId><![CDATA[c]]></CardId>"), CardEvent.class);
            assertThat(m.event()).isEqualTo(e);
            assertThat(m.cardId()).isEqualTo("c");
        }
    }

    @Test
    void verifyEvents() {
        VerifyEvent ok = parse(event("qualification_verify_success", "<ExpiredTime>1442401156</ExpiredTime>"),
                VerifyEvent.class);
        assertThat(ok.expiredTime()).isEqualTo(Instant.ofEpochSecond(1442401156L));
        VerifyEvent fail = parse(event("naming_verify_fail", "<FailTime>1442401122</FailTime>"
                + "<FailReason><![CDATA[by time]]></FailReason>"), VerifyEvent.class);
        assertThat(fail.failTime()).isEqualTo(Instant.ofEpochSecond(1442401122L));
        assertThat(fail.failReason()).isEqualTo("by time");
        for (String e : List.of("qualification_verify_fail", "naming_verify_success", "annual_renew",
                "verify_expired")) {
            assertThat(parse(event(e, "<ExpiredTime>1</ExpiredTime>"), VerifyEvent.class).event()).isEqualTo(e);
        }
    }

    @Test
    void wifiConnected() {
        WifiConnectedEvent m = parse(event("WifiConnected", "<ConnectTime>1500000000</ConnectTime>"
                + "<ExpireTime>0</ExpireTime><VendorId>3001224419</VendorId><PlaceId>1234</PlaceId>"
                + "<DeviceNo>00:1f:7a:ad:5c:a8</DeviceNo>"), WifiConnectedEvent.class);
        assertThat(m.event()).isEqualTo("wificonnected");
        assertThat(m.connectTime()).isEqualTo(1500000000L);
        assertThat(m.expireTime()).isZero();
        assertThat(m.vendorId()).isEqualTo("3001224419");
        assertThat(m.shopId()).isEqualTo("1234");
        assertThat(m.deviceNo()).isEqualTo("00:1f:7a:ad:5c:a8");
    }

    @Test
    void poiCheckNotify() {
        PoiCheckNotifyEvent m = parse(event("poi_check_notify", "<UniqId><![CDATA[123adb]]></UniqId>"
                + "<PoiId><![CDATA[123123]]></PoiId><Result><![CDATA[fail]]></Result><Msg><![CDATA[xxxxxx]]></Msg>"),
                PoiCheckNotifyEvent.class);
        assertThat(m.uniqId()).isEqualTo("123adb");
        assertThat(m.poiId()).isEqualTo("123123");
        assertThat(m.result()).isEqualTo("fail");
        assertThat(m.msg()).isEqualTo("xxxxxx");
    }

    @Test
    void userEnterTempSession() {
        UserEnterTempSessionEvent m = parse(event("user_enter_tempsession",
                "<SessionFrom><![CDATA[sessionFrom]]></SessionFrom>"), UserEnterTempSessionEvent.class);
        assertThat(m.sessionFrom()).isEqualTo("sessionFrom");
    }

    @Test
    void unknownTypesKeepEveryRawField() {
        UnknownMessage msg = parse(message("hologram", "<Depth>3</Depth><Nested><A>1</A><A>2</A></Nested>"),
                UnknownMessage.class);
        assertThat(msg.msgType()).isEqualTo("hologram");
        assertThat(msg.fields().text("Depth")).isEqualTo("3");
        assertThat(msg.fields().child("Nested").children("A")).isEmpty();
        assertThat(msg.fields().asMap().get("Nested")).isInstanceOf(XmlFields.class);
        assertThat(((XmlFields) msg.fields().asMap().get("Nested")).asMap().get("A")).isEqualTo(List.of("1", "2"));

        UnknownMessage ev = parse(event("brand_new_event", "<EventKey><![CDATA[k]]></EventKey><Extra>x</Extra>"),
                UnknownMessage.class);
        assertThat(ev.isEvent()).isTrue();
        assertThat(ev.event()).isEqualTo("brand_new_event");
        assertThat(ev.eventKey()).isEqualTo("k");
        assertThat(ev.fields().text("Extra")).isEqualTo("x");
        assertThat(ev.fields().names()).containsExactly("ToUserName", "FromUserName", "CreateTime", "MsgType",
                "Event", "EventKey", "Extra");
    }

    @Test
    void missingFieldsReadAsEmptyOrZero() {
        WeChatMessage m = PARSER.parse("<xml><MsgType>text</MsgType></xml>");
        assertThat(m).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) m).content()).isEmpty();
        assertThat(m.fromUserName()).isEmpty();
        assertThat(m.createTimeSeconds()).isZero();
        assertThat(m.msgId()).isZero();
    }

    @Test
    void plainTextValuesAndEscapesAreRead() {
        TextMessage m = (TextMessage) PARSER.parse("<xml>\n  <MsgType>text</MsgType>\n  <Content>a &amp; b &lt; c"
                + "</Content>\n  <CreateTime> 17 </CreateTime>\n</xml>");
        assertThat(m.content()).isEqualTo("a & b < c");
        assertThat(m.createTimeSeconds()).isEqualTo(17L);
    }

    @Test
    void cdataContainingTheTerminatorSplitAcrossSectionsIsJoined() {
        TextMessage m = (TextMessage) PARSER.parse("<xml><MsgType>text</MsgType>"
                + "<Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>");
        assertThat(m.content()).isEqualTo("a]]>b");
    }
}
