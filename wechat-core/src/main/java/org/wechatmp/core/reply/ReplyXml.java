package org.wechatmp.core.reply;

import java.util.ArrayList;
import java.util.List;
import org.wechatmp.core.message.MessageParseException;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.message.XmlFields;

/**
 * Renders passive replies to the XML WeChat expects, and reads such XML back.
 *
 * <p>Strings are always CDATA sections; a {@code ]]>} inside a value is split across two sections so it survives.
 * The {@link EmptyReply} renders as {@code success}.
 */
public final class ReplyXml {
    /** The body that means "no reply". */
    public static final String SUCCESS = "success";

    private ReplyXml() {
    }

    /**
     * Renders a reply to an inbound message: the sender and receiver are swapped from the message, and a news reply
     * to a user's message (not an event) is cut to WeChat's limit of {@value NewsReply#MAX_ARTICLES_TO_MESSAGE}.
     *
     * @param reply the reply
     * @param inbound the message being answered
     * @param createTimeSeconds the reply's {@code CreateTime}
     * @return the XML, or {@code success} for the empty reply
     */
    public static String render(Reply reply, WeChatMessage inbound, long createTimeSeconds) {
        Reply r = reply;
        if (r instanceof NewsReply news && !inbound.isEvent()
                && news.articles().size() > NewsReply.MAX_ARTICLES_TO_MESSAGE) {
            r = new NewsReply(news.articles().subList(0, NewsReply.MAX_ARTICLES_TO_MESSAGE));
        }
        return render(r, inbound.toUserName(), inbound.fromUserName(), createTimeSeconds);
    }

    /**
     * Renders a reply with explicit sender and receiver.
     *
     * @param reply the reply
     * @param fromUserName the account's original id (the inbound {@code ToUserName})
     * @param toUserName the user's openid (the inbound {@code FromUserName})
     * @param createTimeSeconds the reply's {@code CreateTime}
     * @return the XML, or {@code success} for the empty reply
     */
    public static String render(Reply reply, String fromUserName, String toUserName, long createTimeSeconds) {
        if (reply instanceof EmptyReply) {
            return SUCCESS;
        }
        StringBuilder b = new StringBuilder(256);
        b.append("<xml>\n");
        cdata(b, "ToUserName", toUserName).append('\n');
        cdata(b, "FromUserName", fromUserName).append('\n');
        b.append("<CreateTime>").append(createTimeSeconds).append("</CreateTime>\n");
        cdata(b, "MsgType", reply.msgType()).append('\n');
        if (reply instanceof TextReply t) {
            cdata(b, "Content", t.content());
        } else if (reply instanceof ImageReply i) {
            b.append("<Image>");
            cdata(b, "MediaId", i.mediaId()).append("</Image>");
        } else if (reply instanceof VoiceReply v) {
            b.append("<Voice>");
            cdata(b, "MediaId", v.mediaId()).append("</Voice>");
        } else if (reply instanceof VideoReply v) {
            b.append("<Video>");
            cdata(b, "MediaId", v.mediaId());
            optional(b, "Title", v.title());
            optional(b, "Description", v.description());
            b.append("</Video>");
        } else if (reply instanceof MusicReply m) {
            b.append("<Music>");
            optional(b, "Title", m.title());
            optional(b, "Description", m.description());
            optional(b, "MusicUrl", m.musicUrl());
            optional(b, "HQMusicUrl", m.hqMusicUrl());
            cdata(b, "ThumbMediaId", m.thumbMediaId()).append("</Music>");
        } else if (reply instanceof NewsReply n) {
            b.append("<ArticleCount>").append(n.articles().size()).append("</ArticleCount>\n<Articles>");
            for (Article a : n.articles()) {
                b.append("<item>");
                cdata(b, "Title", a.title());
                cdata(b, "Description", a.description());
                cdata(b, "PicUrl", a.picUrl());
                cdata(b, "Url", a.url());
                b.append("</item>");
            }
            b.append("</Articles>");
        } else if (reply instanceof TransferCustomerServiceReply t && t.kfAccount() != null
                && !t.kfAccount().isEmpty()) {
            b.append("<TransInfo>");
            cdata(b, "KfAccount", t.kfAccount()).append("</TransInfo>");
        }
        if (b.charAt(b.length() - 1) != '\n') {
            b.append('\n');
        }
        return b.append("</xml>").toString();
    }

    /**
     * Reads reply XML (e.g. the answer of a forward target) back into a reply. An empty body or {@code success}
     * is the empty reply.
     *
     * @param xml the reply XML
     * @return the reply with its envelope fields
     * @throws InvalidReplyException when the XML is malformed, of an unknown type, or lacks a required field
     */
    public static ParsedReply parse(String xml) {
        if (xml == null || xml.isBlank() || SUCCESS.equals(xml.trim())) {
            return new ParsedReply(EmptyReply.INSTANCE, "", "", 0L);
        }
        XmlFields f;
        try {
            f = MessageParser.defaults().parseFields(xml);
        } catch (MessageParseException e) {
            throw new InvalidReplyException("bad reply xml");
        }
        String type = f.text("MsgType", "");
        Reply reply = switch (type) {
            case "text" -> new TextReply(f.text("Content", ""));
            case "image" -> new ImageReply(f.child("Image").text("MediaId"));
            case "voice" -> new VoiceReply(f.child("Voice").text("MediaId"));
            case "video" -> new VideoReply(f.child("Video").text("MediaId"), f.child("Video").text("Title"),
                    f.child("Video").text("Description"));
            case "music" -> {
                XmlFields m = f.child("Music");
                yield new MusicReply(m.text("ThumbMediaId"), m.text("Title"), m.text("Description"),
                        m.text("MusicUrl"), m.text("HQMusicUrl"));
            }
            case "news" -> {
                List<Article> articles = new ArrayList<>();
                for (XmlFields item : f.child("Articles").children("item")) {
                    articles.add(new Article(item.text("Title"), item.text("Description"), item.text("PicUrl"),
                            item.text("Url")));
                }
                yield new NewsReply(articles);
            }
            case "transfer_customer_service" -> new TransferCustomerServiceReply(
                    f.child("TransInfo").text("KfAccount"));
            default -> throw new InvalidReplyException("unknown reply type");
        };
        return new ParsedReply(reply, f.text("FromUserName", ""), f.text("ToUserName", ""),
                f.longValue("CreateTime", 0L));
    }

    private static void optional(StringBuilder b, String name, String value) {
        if (value != null) {
            cdata(b, name, value);
        }
    }

    private static StringBuilder cdata(StringBuilder b, String name, String value) {
        b.append('<').append(name).append("><![CDATA[");
        if (value != null) {
            int from = 0;
            int at;
            while ((at = value.indexOf("]]>", from)) >= 0) {
                // close the section after "]]" and reopen it before ">"
                b.append(value, from, at + 2).append("]]><![CDATA[");
                from = at + 2;
            }
            b.append(value, from, value.length());
        }
        return b.append("]]></").append(name).append('>');
    }
}
