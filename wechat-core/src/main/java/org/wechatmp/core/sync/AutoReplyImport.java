package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.AutoReplyInfo;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.spi.MaterialRepository;

/**
 * Imports the auto-replies made in the WeChat console ({@code get_current_autoreply_info}) as handlers with source
 * {@link Handler.Source#IMPORTED}: each keyword rule (contain/equal keywords, reply-all or random-one), the follow
 * reply (an event rule on {@code subscribe}), and the default reply (matches everything, ordered last). A re-import
 * replaces the imported handlers in one step. Images, voices and videos keep the console's media ids, so nothing is
 * uploaded and no permanent material is ever duplicated (wechat_django re-uploaded them on every import); the
 * articles of a news reply are stored as a local news material under an id derived from their content.
 */
public final class AutoReplyImport {
    /** The kind name in the sync state. */
    public static final String KIND = "autoreplies";
    /** The name of the imported default reply. */
    public static final String DEFAULT_REPLY = "微信配置自动回复";
    /** The name of the imported follow reply. */
    public static final String FOLLOW_REPLY = "微信配置关注回复";
    private static final String WHERE = "get_current_autoreply_info";

    private final HandlerRepository handlers;
    private final MaterialRepository materials;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the import.
     *
     * @param handlers where handlers go
     * @param materials where news articles go
     * @param states where the result is recorded
     * @param clock the clock
     */
    public AutoReplyImport(HandlerRepository handlers, MaterialRepository materials, SyncStateStore states,
            Clock clock) {
        this.handlers = handlers;
        this.materials = materials;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Runs the import.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done
     * @throws SyncException when WeChat fails or answers malformed (no switches, a rule without its lists, a news
     *     reply without articles); the imported handlers stay as they were
     */
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, null, listener);
        try {
            rec.checkStop();
            JsonNode json = client.get("/cgi-bin/get_current_autoreply_info", null);
            rec.call();
            AutoReplyInfo info = Answers.convert(check(json), AutoReplyInfo.class, WHERE);
            return importInfo(name, info, rec);
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }

    /**
     * Checks the answer: both switches present, every keyword rule with its keyword and reply lists, every news
     * reply with its articles.
     */
    private static JsonNode check(JsonNode json) {
        Answers.number(json, "is_add_friend_reply_open", WHERE);
        Answers.number(json, "is_autoreply_open", WHERE);
        for (String f : new String[] {"add_friend_autoreply_info", "message_default_autoreply_info"}) {
            if (json.hasNonNull(f)) {
                Answers.text(json.get(f), "type", WHERE + " " + f);
            }
        }
        if (json.hasNonNull("keyword_autoreply_info")) {
            for (JsonNode rule : Answers.array(json.get("keyword_autoreply_info"), "list", WHERE)) {
                String where = WHERE + " rule " + rule.path("rule_name").asText("?");
                Answers.array(rule, "keyword_list_info", where);
                for (JsonNode reply : Answers.array(rule, "reply_list_info", where)) {
                    Answers.text(reply, "type", where);
                    if ("news".equals(reply.path("type").asText()) && (!reply.path("news_info").path("list")
                            .isArray() || reply.path("news_info").path("list").isEmpty())) {
                        throw SyncRecorder.incomplete(where + " has a news reply without its articles");
                    }
                }
            }
        }
        return json;
    }

    private SyncResult importInfo(String name, AutoReplyInfo info, SyncRecorder rec) {
        boolean on = info.isAutoreplyOpen() == 1;
        List<Handler> imported = new ArrayList<>();
        List<AutoReplyInfo.KeywordRule> rules = info.keywordRules();
        rec.total(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            AutoReplyInfo.KeywordRule r = rules.get(i);
            Handler.Builder b = Handler.builder(r.ruleName() == null ? "keyword rule " + (i + 1) : r.ruleName())
                    .enabled(on).createdAt(Instant.ofEpochSecond(r.createTime()))
                    .strategy("random_one".equals(r.replyMode()) ? Handler.Strategy.RANDOM_ONE
                            : Handler.Strategy.REPLY_ALL);
            for (AutoReplyInfo.Keyword k : r.keywordListInfo()) {
                b.rule("equal".equals(k.matchMode()) ? Rule.equalTo(k.content()) : Rule.contains(k.content()));
            }
            for (AutoReplyInfo.ReplyItem item : r.replyListInfo()) {
                HandlerReply reply = reply(name, item.type(), item.content(), item.newsInfo());
                if (reply != null) {
                    b.reply(reply);
                }
            }
            if (!r.keywordListInfo().isEmpty()) {
                imported.add(b.build());
            }
            rec.tick("keywords", i + 1);
        }
        AutoReplyInfo.Content follow = info.addFriendAutoreplyInfo();
        if (follow != null) {
            HandlerReply reply = reply(name, follow.type(), follow.content(), null);
            if (reply != null) {
                imported.add(Handler.builder(FOLLOW_REPLY).enabled(info.isAddFriendReplyOpen() == 1).weight(1)
                        .rule(Rule.event("subscribe")).reply(reply).build());
            }
        }
        AutoReplyInfo.Content fallback = info.messageDefaultAutoreplyInfo();
        if (fallback != null) {
            HandlerReply reply = reply(name, fallback.type(), fallback.content(), null);
            if (reply != null) {
                imported.add(Handler.builder(DEFAULT_REPLY).enabled(on).weight(Integer.MIN_VALUE / 2)
                        .createdAt(Instant.EPOCH).rule(Rule.all()).reply(reply).build());
            }
        }
        rec.checkStop();
        handlers.replaceSource(name, Handler.Source.IMPORTED, imported);
        return rec.done(rules.size(), imported.size(), 0, imported.size() + " handlers imported");
    }

    private HandlerReply reply(String account, String type, String content, AutoReplyInfo.NewsInfo news) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "text" -> content == null ? null : HandlerReply.text(content);
            case "img", "image" -> HandlerReply.image(content);
            case "voice" -> HandlerReply.voice(content);
            case "video" -> HandlerReply.video(content, null, null);
            case "news" -> news == null || news.list().isEmpty() ? null : storeNews(account, news);
            default -> null;
        };
    }

    private HandlerReply storeNews(String account, AutoReplyInfo.NewsInfo news) {
        List<NewsArticle> articles = new ArrayList<>();
        for (AutoReplyInfo.News n : news.list()) {
            articles.add(new NewsArticle(n.title(), null, n.coverUrl(), n.showCover(), n.author(), n.digest(), null,
                    n.contentUrl(), n.sourceUrl(), 0, 0));
        }
        return ImportedNews.store(materials, account, articles);
    }
}
