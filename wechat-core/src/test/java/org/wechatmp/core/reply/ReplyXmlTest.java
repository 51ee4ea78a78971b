package org.wechatmp.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Vectors;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.message.XmlFields;

/**
 * Every case of {@code replies.json}: WeChat ignores whitespace, so the rendered XML is compared by its element
 * structure and values.
 */
class ReplyXmlTest {
    /** Hardware-platform replies, which this framework does not model: reading them is an unknown type. */
    static final List<String> DEVICE_REPLIES = List.of("DeviceTextReply", "DeviceEventReply", "DeviceStatusReply",
            "HardwareReply");

    static Stream<Arguments> cases() {
        return Vectors.cases("replies.json").stream().map(c -> Arguments.of(c.path("id").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replyVector(String id, JsonNode c) {
        JsonNode construct = c.path("construct");
        String cls = construct.path("class").asText();
        JsonNode expected = c.path("expected");

        if (construct.has("xml")) {
            // deserialize errors: malformed or unknown reply XML
            assertThatThrownBy(() -> ReplyXml.parse(construct.path("xml").asText()))
                    .isInstanceOf(InvalidReplyException.class);
            return;
        }
        if (construct.has("create_reply")) {
            createReply(c, construct);
            return;
        }
        if (DEVICE_REPLIES.contains(cls)) {
            assertThatThrownBy(() -> ReplyXml.parse(c.path("rendered").asText()))
                    .isInstanceOf(InvalidReplyException.class).hasMessage("unknown reply type");
            return;
        }
        if (expected.has("raises") || construct.has("no fields")) {
            assertThatThrownBy(() -> build(cls, construct)).isInstanceOf(InvalidReplyException.class);
            return;
        }
        if ("ArticlesReply".equals(cls) && !construct.has("articles") && !construct.has("add_article")) {
            // WeChat rejects a news reply without articles, so building one is refused
            assertThatThrownBy(() -> build(cls, construct)).isInstanceOf(InvalidReplyException.class);
            return;
        }
        Reply reply = build(cls, construct);
        JsonNode asserts = c.path("test_assertions");
        if (asserts.has("media_id_after")) {
            assertThat(mediaId(build(cls, withMediaId(construct)))).isEqualTo(asserts.path("media_id_after").asText());
            assertThat(mediaId(reply)).isEqualTo(asserts.path("media_id_before").asText());
        }
        if (asserts.has("title")) {
            assertThat(reply.toString()).contains(asserts.path("title").asText());
        }
        if (c.has("rendered")) {
            String rendered = c.path("rendered").asText();
            String ours = ReplyXml.render(reply, construct.path("source").asText(""),
                    construct.path("target").asText(""), construct.path("time").asLong(0));
            if (rendered.isEmpty()) {
                assertThat(ours).isEqualTo("success");
                assertThat(ReplyXml.parse(rendered).reply()).isEqualTo(EmptyReply.INSTANCE);
            } else {
                assertSameXml(ours, rendered);
                ParsedReply back = ReplyXml.parse(rendered);
                assertThat(back.reply()).isEqualTo(reply);
                assertThat(back.fromUserName()).isEqualTo(construct.path("source").asText(""));
                assertThat(back.toUserName()).isEqualTo(construct.path("target").asText(""));
                assertSameXml(ReplyXml.render(back.reply(), back.fromUserName(), back.toUserName(),
                        back.createTimeSeconds()), rendered);
            }
        }
    }

    private void createReply(JsonNode c, JsonNode construct) {
        JsonNode value = construct.path("create_reply");
        Reply reply;
        if (value.isNull() || value.isMissingNode() || (value.isBoolean() && !value.asBoolean())
                || (value.isTextual() && value.asText().isEmpty())) {
            reply = EmptyReply.INSTANCE;
        } else if (value.isArray()) {
            reply = new NewsReply(articles(value));
        } else if (value.isTextual() && value.asText().startsWith("list of 11")) {
            List<Article> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(new Article("t" + i, null, null, null));
            }
            assertThatThrownBy(() -> new NewsReply(eleven)).isInstanceOf(InvalidReplyException.class);
            return;
        } else if (value.asText().startsWith("TextReply(")) {
            reply = new TextReply("test");
            assertThat(reply).isEqualTo(new TextReply("test"));
            return;
        } else {
            reply = new TextReply(value.asText());
        }
        if (!c.has("rendered")) {
            assertThat(ReplyXml.render(reply, "", "", 1L)).isNotNull();
            return;
        }
        String rendered = c.path("rendered").asText();
        JsonNode message = construct.path("message");
        String ours;
        if (message.isObject()) {
            WeChatMessage inbound = MessageParser.defaults().parse("<xml><FromUserName>"
                    + message.path("FromUserName").asText() + "</FromUserName><ToUserName>"
                    + message.path("ToUserName").asText() + "</ToUserName><MsgType>text</MsgType></xml>");
            ours = ReplyXml.render(reply, inbound, construct.path("time").asLong());
        } else {
            XmlFields f = MessageParser.defaults().parseFields(rendered.isEmpty() ? "<xml/>" : rendered);
            ours = ReplyXml.render(reply, f.text("FromUserName", ""), f.text("ToUserName", ""),
                    f.longValue("CreateTime", 0));
        }
        if (rendered.isEmpty()) {
            assertThat(ours).isEqualTo("success");
        } else {
            assertSameXml(ours, rendered);
        }
    }

    private static JsonNode withMediaId(JsonNode construct) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = construct.deepCopy();
        copy.put("media_id", construct.path("then_set_media_id").asText());
        copy.remove("image");
        copy.remove("voice");
        return copy;
    }

    private static String mediaId(Reply r) {
        if (r instanceof ImageReply i) {
            return i.mediaId();
        }
        return ((VoiceReply) r).mediaId();
    }

    static Reply build(String cls, JsonNode c) {
        return switch (cls) {
            case "TextReply" -> new TextReply(c.path("content").asText(""));
            case "ImageReply" -> new ImageReply(c.has("media_id") ? c.path("media_id").asText()
                    : c.path("image").asText(null));
            case "VoiceReply" -> new VoiceReply(c.has("media_id") ? c.path("media_id").asText()
                    : c.path("voice").asText(null));
            case "VideoReply" -> new VideoReply(c.path("media_id").asText(null), text(c, "title"),
                    text(c, "description"));
            case "MusicReply" -> new MusicReply(text(c, "thumb_media_id"), text(c, "title"), text(c, "description"),
                    text(c, "music_url"), text(c, "hq_music_url"));
            case "ArticlesReply" -> {
                if (c.path("articles").isTextual()) {
                    // "10 existing" + "1 more"
                    List<Article> eleven = new ArrayList<>();
                    for (int i = 0; i < 11; i++) {
                        eleven.add(new Article("t" + i, null, null, null));
                    }
                    yield new NewsReply(eleven);
                }
                List<Article> list = new ArrayList<>(articles(c.path("articles")));
                list.addAll(articles(c.path("add_article")));
                yield new NewsReply(list);
            }
            case "TransferCustomerServiceReply" -> new TransferCustomerServiceReply();
            case "EmptyReply" -> EmptyReply.INSTANCE;
            default -> throw new AssertionError("unmodelled reply class " + cls);
        };
    }

    private static String text(JsonNode c, String field) {
        JsonNode n = c.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static List<Article> articles(JsonNode array) {
        List<Article> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(a -> out.add(new Article(text(a, "title"), text(a, "description"), text(a, "image"),
                    text(a, "url"))));
        }
        return out;
    }

    static void assertSameXml(String actual, String expected) {
        XmlFields a = MessageParser.defaults().parseFields(actual);
        XmlFields e = MessageParser.defaults().parseFields(expected);
        assertThat(a).as("%s%nvs%n%s", actual, expected).isEqualTo(e);
    }

    @Test
    void splitsCdataTerminatorsSoContentSurvives() {
        String xml = ReplyXml.render(new TextReply("a]]>b]]>"), "gh", "o", 1);
        assertThat(xml).contains("<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>");
        assertThat(((TextReply) ReplyXml.parse(xml).reply()).content()).isEqualTo("a]]>b]]>");
    }

    @Test
    void answersAMessageBySwappingSenderAndReceiver() {
        WeChatMessage inbound = MessageParser.defaults().parse("<xml><ToUserName>gh_acc</ToUserName>"
                + "<FromUserName>oUser</FromUserName><MsgType>text</MsgType><Content>hi</Content></xml>");
        XmlFields f = MessageParser.defaults().parseFields(ReplyXml.render(Reply.text("yo"), inbound, 99));
        assertThat(f.text("ToUserName")).isEqualTo("oUser");
        assertThat(f.text("FromUserName")).isEqualTo("gh_acc");
        assertThat(f.text("CreateTime")).isEqualTo("99");
        assertThat(f.text("MsgType")).isEqualTo("text");
        assertThat(f.text("Content")).isEqualTo("yo");
    }

    @Test
    void newsToAUserMessageIsCutToOneArticleButEventsGetEight() {
        List<Article> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(new Article("t" + i, "d", "p", "u"));
        }
        NewsReply news = Reply.news(eight);
        WeChatMessage text = MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName>"
                + "<FromUserName>o</FromUserName><MsgType>text</MsgType></xml>");
        WeChatMessage click = MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName>"
                + "<FromUserName>o</FromUserName><MsgType>event</MsgType><Event>CLICK</Event></xml>");
        XmlFields toText = MessageParser.defaults().parseFields(ReplyXml.render(news, text, 1));
        assertThat(toText.text("ArticleCount")).isEqualTo("1");
        assertThat(toText.child("Articles").children("item")).hasSize(1);
        XmlFields toClick = MessageParser.defaults().parseFields(ReplyXml.render(news, click, 1));
        assertThat(toClick.text("ArticleCount")).isEqualTo("8");
        assertThat(toClick.child("Articles").children("item")).hasSize(8);
        eight.add(new Article("ninth", null, null, null));
        assertThatThrownBy(() -> Reply.news(eight)).isInstanceOf(InvalidReplyException.class);
    }

    @Test
    void transferToAGivenAgentNamesIt() {
        String xml = ReplyXml.render(new TransferCustomerServiceReply("kf2001@gh"), "gh", "o", 1);
        XmlFields f = MessageParser.defaults().parseFields(xml);
        assertThat(f.text("MsgType")).isEqualTo("transfer_customer_service");
        assertThat(f.child("TransInfo").text("KfAccount")).isEqualTo("kf2001@gh");
        assertThat(ReplyXml.parse(xml).reply()).isEqualTo(new TransferCustomerServiceReply("kf2001@gh"));
    }

    @Test
    void emptyReplyIsSuccess() {
        assertThat(ReplyXml.render(Reply.empty(), "gh", "o", 1)).isEqualTo("success");
        assertThat(ReplyXml.parse("success").reply()).isEqualTo(EmptyReply.INSTANCE);
    }

    @Test
    void missingRequiredFieldsAreRefused() {
        assertThatThrownBy(() -> new ImageReply("")).isInstanceOf(InvalidReplyException.class);
        assertThatThrownBy(() -> new TextReply(null)).isInstanceOf(InvalidReplyException.class);
        assertThatThrownBy(() -> new MusicReply(null, "t", null, null, null))
                .isInstanceOf(InvalidReplyException.class);
    }
}
