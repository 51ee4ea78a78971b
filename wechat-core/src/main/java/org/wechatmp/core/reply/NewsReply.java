package org.wechatmp.core.reply;

import java.util.List;

/**
 * A news (articles) reply. WeChat shows at most {@value #MAX_ARTICLES} articles, and only
 * {@value #MAX_ARTICLES_TO_MESSAGE} when the reply answers a user's message rather than an event; {@link ReplyXml}
 * applies the second limit when rendering.
 *
 * @param articles one to {@value #MAX_ARTICLES} articles
 */
public record NewsReply(List<Article> articles) implements Reply {
    /** The most articles a passive news reply may hold. */
    public static final int MAX_ARTICLES = 8;
    /** The most articles shown when the reply answers a user's message (not an event). */
    public static final int MAX_ARTICLES_TO_MESSAGE = 1;

    /**
     * Validates the article count and copies the list.
     *
     * @param articles the articles
     */
    public NewsReply {
        if (articles == null || articles.isEmpty()) {
            throw new InvalidReplyException("a news reply needs at least one article");
        }
        if (articles.size() > MAX_ARTICLES) {
            throw new InvalidReplyException("a news reply holds at most " + MAX_ARTICLES + " articles, not "
                    + articles.size());
        }
        articles = List.copyOf(articles);
    }

    @Override
    public String msgType() {
        return "news";
    }
}
