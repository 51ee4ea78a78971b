package org.wechatmp.core.client;

import java.util.List;

/**
 * The auto-reply settings made in the WeChat console, as {@code get_current_autoreply_info} returns them.
 *
 * @param isAddFriendReplyOpen 1 when the follow reply is on
 * @param isAutoreplyOpen 1 when keyword and default replies are on
 * @param addFriendAutoreplyInfo the follow reply, or {@code null}
 * @param messageDefaultAutoreplyInfo the default reply, or {@code null}
 * @param keywordAutoreplyInfo the keyword rules, or {@code null}
 */
public record AutoReplyInfo(int isAddFriendReplyOpen, int isAutoreplyOpen, Content addFriendAutoreplyInfo,
        Content messageDefaultAutoreplyInfo, KeywordRules keywordAutoreplyInfo) {

    /**
     * The keyword rules, never {@code null}.
     *
     * @return the rules
     */
    public List<KeywordRule> keywordRules() {
        return keywordAutoreplyInfo == null ? List.of() : keywordAutoreplyInfo.list();
    }

    /**
     * A follow or default reply.
     *
     * @param type {@code text}, {@code img}, {@code voice} or {@code video}
     * @param content the text, or the media id
     */
    public record Content(String type, String content) {
    }

    /**
     * The list of keyword rules.
     *
     * @param list the rules
     */
    public record KeywordRules(List<KeywordRule> list) {
        /**
         * Copies the list.
         *
         * @param list the rules
         */
        public KeywordRules {
            list = list == null ? List.of() : List.copyOf(list);
        }
    }

    /**
     * A keyword rule.
     *
     * @param ruleName the rule's name
     * @param createTime when it was made, seconds since the epoch
     * @param replyMode {@code reply_all} or {@code random_one}
     * @param keywordListInfo the keywords
     * @param replyListInfo the replies
     */
    public record KeywordRule(String ruleName, long createTime, String replyMode, List<Keyword> keywordListInfo,
            List<ReplyItem> replyListInfo) {
        /**
         * Copies the lists.
         *
         * @param ruleName the rule's name
         * @param createTime when it was made, seconds since the epoch
         * @param replyMode {@code reply_all} or {@code random_one}
         * @param keywordListInfo the keywords
         * @param replyListInfo the replies
         */
        public KeywordRule {
            keywordListInfo = keywordListInfo == null ? List.of() : List.copyOf(keywordListInfo);
            replyListInfo = replyListInfo == null ? List.of() : List.copyOf(replyListInfo);
        }
    }

    /**
     * A keyword.
     *
     * @param type {@code text}
     * @param matchMode {@code contain} or {@code equal}
     * @param content the keyword
     */
    public record Keyword(String type, String matchMode, String content) {
    }

    /**
     * A reply of a keyword rule.
     *
     * @param type {@code text}, {@code img}, {@code voice}, {@code video} or {@code news}
     * @param content the text or media id (not news)
     * @param newsInfo the articles (news)
     */
    public record ReplyItem(String type, String content, NewsInfo newsInfo) {
    }

    /**
     * The articles of a news reply.
     *
     * @param list the articles
     */
    public record NewsInfo(List<News> list) {
        /**
         * Copies the list.
         *
         * @param list the articles
         */
        public NewsInfo {
            list = list == null ? List.of() : List.copyOf(list);
        }
    }

    /**
     * An article of a news reply.
     *
     * @param title the title
     * @param author the author
     * @param digest the summary
     * @param showCover 1 to show the cover
     * @param coverUrl the cover URL
     * @param contentUrl the article URL
     * @param sourceUrl the "read more" URL
     */
    public record News(String title, String author, String digest, int showCover, String coverUrl,
            String contentUrl, String sourceUrl) {
    }
}
