package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Turns message log lines (inbound messages, passive replies, customer-service messages sent from the admin) into
 * {@link ConversationRow}s: the text, the media id, the event and its key, read from the stored XML.
 */
final class ConversationRows {
    private static final int SUMMARY_MAX = 500;
    private static final MessageParser PARSER = MessageParser.defaults();

    private final UserRepository users;
    private final String account;
    private final Map<String, String> names = new HashMap<>();

    /**
     * Reads lines of an account.
     *
     * @param users where names are looked up, or {@code null} for none (the live thread: no database read on the
     *        callback thread)
     * @param account the account
     */
    ConversationRows(UserRepository users, String account) {
        this.users = users;
        this.account = account;
    }

    List<ConversationRow> rows(List<LoggedMessage> lines) {
        return lines.stream().map(this::row).toList();
    }

    ConversationRow row(LoggedMessage m) {
        MessageLogEntry e = m.entry();
        return row(m.id(), e.direction() == MessageLogEntry.Direction.IN, e.openid(), e.msgType(), e.event(),
                e.handler(), e.xml(), e.createdAt());
    }

    ConversationRow row(long id, boolean in, String openid, String msgType, String event, String handler, String xml,
            Instant at) {
        XmlFields f = fields(xml);
        String key = f.text("EventKey", "");
        if (key.startsWith("qrscene_")) {
            key = key.substring("qrscene_".length());
        }
        return new ConversationRow(id, at, in, openid, name(openid), nz(msgType), nz(event), cut(key, 128),
                cut(summary(f, nz(msgType)), SUMMARY_MAX), nz(handler));
    }

    /** The follower's remark or nickname, looked up once per follower; empty without a repository. */
    String name(String openid) {
        if (users == null) {
            return "";
        }
        return names.computeIfAbsent(openid, o -> {
            Optional<WeChatUser> u = users.find(account, o);
            if (u.isEmpty()) {
                return "";
            }
            String remark = u.get().remark();
            return remark != null && !remark.isBlank() ? remark : nz(u.get().nickname());
        });
    }

    private static XmlFields fields(String xml) {
        if (xml == null || xml.isEmpty()) {
            return XmlFields.empty();
        }
        try {
            return PARSER.parseFields(xml);
        } catch (RuntimeException e) {
            return XmlFields.empty();
        }
    }

    private static String summary(XmlFields f, String type) {
        return switch (type) {
            case "text" -> f.text("Content", "");
            case "image" -> f.has("Image") ? f.child("Image").text("MediaId", "") : f.text("MediaId", "");
            case "voice" -> f.text("Recognition", "").isEmpty()
                    ? (f.has("Voice") ? f.child("Voice").text("MediaId", "") : f.text("MediaId", ""))
                    : f.text("Recognition", "");
            case "video", "shortvideo" -> f.has("Video") ? f.child("Video").text("Title", "")
                    : f.text("MediaId", "");
            case "location" -> f.text("Label", "") + " (" + f.text("Location_X", "") + ", "
                    + f.text("Location_Y", "") + ")";
            case "link" -> f.text("Title", "") + " " + f.text("Url", "");
            case "news" -> news(f);
            case "music" -> f.has("Music") ? f.child("Music").text("Title", "") : "";
            case "event" -> event(f);
            default -> f.text("Content", "");
        };
    }

    private static String news(XmlFields f) {
        if (!f.has("Articles")) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (XmlFields item : f.child("Articles").children("item")) {
            b.append(b.length() == 0 ? "" : " · ").append(item.text("Title", ""));
        }
        return b.toString();
    }

    private static String event(XmlFields f) {
        String status = f.text("Status", "");
        if (!status.isEmpty()) {
            return status;
        }
        if (f.has("Latitude")) {
            return f.text("Latitude", "") + ", " + f.text("Longitude", "");
        }
        return "";
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
