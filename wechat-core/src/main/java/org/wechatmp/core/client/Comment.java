package org.wechatmp.core.client;

/**
 * A follower's comment on a published article.
 *
 * @param userCommentId the comment id
 * @param openid the commenter
 * @param createTime when, seconds since the epoch
 * @param content the text
 * @param commentType 1 when elected (shown), 0 otherwise
 * @param replyContent the account's reply, empty when none
 * @param replyCreateTime when it replied, 0 when not
 */
public record Comment(long userCommentId, String openid, long createTime, String content, int commentType,
        String replyContent, long replyCreateTime) {
    /**
     * Whether the comment is elected (shown to everyone).
     *
     * @return true when elected
     */
    public boolean elected() {
        return commentType == 1;
    }

    static Comment read(com.fasterxml.jackson.databind.JsonNode c) {
        return new Comment(c.path("user_comment_id").asLong(), c.path("openid").asText(""),
                c.path("create_time").asLong(), c.path("content").asText(""), c.path("comment_type").asInt(),
                c.path("reply").path("content").asText(""), c.path("reply").path("create_time").asLong(0));
    }
}
