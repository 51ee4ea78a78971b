package org.wechatmp.admin.web;

import java.net.URI;
import java.util.List;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.reply.Article;
import org.wechatmp.core.reply.ImageReply;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.ReplyXml;
import org.wechatmp.core.reply.TextReply;

/**
 * A customer-service message or typing indicator sent from a thread: validated, refused outside the 48-hour window
 * without calling WeChat, sent, written to the message log as outbound (with the admin as its handler), pushed to the
 * open thread pages, and audited (WeChat's refusals with their errcode).
 */
final class ConversationReply {
    static final int TEXT_MAX = 2000;

    private final Ctx c;
    private final Account account;
    private final String openid;
    private final ConversationLive live;
    private ConversationForm form = ConversationForm.EMPTY;
    private int status = 200;

    ConversationReply(Ctx c, Account account, String openid, ConversationLive live) {
        this.c = c;
        this.account = account;
        this.openid = openid;
        this.live = live;
    }

    ConversationForm form() {
        return form;
    }

    int status() {
        return status;
    }

    /** Sends the box's message; {@code null} when sent, else the error to show. */
    String send() {
        form = ConversationForm.of(c);
        Reply reply;
        try {
            reply = reply(form);
        } catch (IllegalArgumentException e) {
            status = 400;
            return c.msg.t(e.getMessage());
        }
        String closed = windowClosed("cs.send");
        if (closed != null) {
            return closed;
        }
        WeChatClient client = c.s.runtime().client(account);
        try {
            if (reply instanceof NewsReply n) {
                client.messages().sendNews(openid, n.articles().get(0));
            } else {
                client.messages().send(openid, reply);
            }
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), account.name(), "cs.send", openid, false, ConversationErrors.errcode(e),
                    reply.msgType() + ": " + ConversationErrors.detail(e));
            status = 502;
            return ConversationErrors.text(c.msg, e);
        }
        String handler = "admin:" + c.who();
        String xml = ReplyXml.render(reply, account.appId(), openid, c.s.clock().millis() / 1000L);
        MessageLogEntry entry = new MessageLogEntry(account.name(), MessageLogEntry.Direction.OUT, 0, openid,
                reply.msgType(), "", handler, xml, c.s.clock().instant());
        c.s.storage().messageLog().append(List.of(entry));
        live.push(account.name(), new ConversationRows(c.s.storage().users(), account.name()).row(0, false, openid,
                reply.msgType(), "", handler, xml, entry.createdAt()));
        c.s.audit().record(c.who(), account.name(), "cs.send", openid, true, null, reply.msgType());
        return null;
    }

    /** Shows "typing..." to the follower; {@code null} when sent, else the error to show. */
    String typing() {
        String closed = windowClosed("cs.typing");
        if (closed != null) {
            return closed;
        }
        try {
            c.s.runtime().client(account).messages().typing(openid, true);
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), account.name(), "cs.typing", openid, false, ConversationErrors.errcode(e),
                    ConversationErrors.detail(e));
            status = 502;
            return ConversationErrors.text(c.msg, e);
        }
        c.s.audit().record(c.who(), account.name(), "cs.typing", openid, true, null, null);
        return null;
    }

    private String windowClosed(String action) {
        ConversationWindow w = ConversationWindow.of(account,
                ConversationPages.lastInbound(c.s, account.name(), openid), c.s.clock());
        if (w.open()) {
            return null;
        }
        c.s.audit().record(c.who(), account.name(), action, openid, false, null, "48-hour window closed");
        status = 409;
        return c.msg.t("conv.window.closed");
    }

    private Reply reply(ConversationForm f) {
        switch (f.type()) {
            case "image" -> {
                if (c.s.storage().materials().find(account.name(), f.mediaId()).filter(m -> "image".equals(m.type()))
                        .isEmpty()) {
                    throw new IllegalArgumentException("conv.bad.image");
                }
                return new ImageReply(f.mediaId());
            }
            case "news" -> {
                if (f.title().isEmpty() || f.title().length() > 64) {
                    throw new IllegalArgumentException("conv.bad.title");
                }
                if (f.description().length() > 120) {
                    throw new IllegalArgumentException("conv.bad.description");
                }
                web(f.url(), true);
                web(f.picUrl(), false);
                return new NewsReply(List.of(new Article(f.title(), f.description(), f.picUrl(), f.url())));
            }
            default -> {
                if (f.content().isEmpty() || f.content().length() > TEXT_MAX) {
                    throw new IllegalArgumentException("conv.bad.text");
                }
                return new TextReply(f.content());
            }
        }
    }

    private static void web(String url, boolean required) {
        if ((url.isEmpty() && !required) || webUrl(url)) {
            return;
        }
        throw new IllegalArgumentException("conv.bad.url");
    }

    /** Whether a link is an absolute http(s) URL of at most 1024 characters. */
    static boolean webUrl(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                    && url.length() <= 1024;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
