package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comments on published articles: open, close, list, elect and unelect, delete, reply and delete the reply. An
 * article is named by the {@code msg_data_id} of its send (see {@link MassSendResult#msgDataId()}) and its index in
 * that send, from 0.
 */
public final class CommentsApi {
    /** WeChat's maximum page size. */
    public static final int PAGE_LIMIT = 50;

    /** Which comments to list. */
    public enum Filter {
        /** Every comment. */
        ALL,
        /** Comments not elected. */
        NORMAL,
        /** Elected comments. */
        ELECTED
    }

    private final ApiExecutor x;

    CommentsApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * Opens comments on an article.
     *
     * @param msgDataId the send's data id
     * @param index the article's index in the send
     */
    public void open(long msgDataId, int index) {
        x.json(ApiExecutor.post("/cgi-bin/comment/open", article(msgDataId, index)));
    }

    /**
     * Closes comments on an article.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     */
    public void close(long msgDataId, int index) {
        x.json(ApiExecutor.post("/cgi-bin/comment/close", article(msgDataId, index)));
    }

    /**
     * One page of an article's comments.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param begin the offset
     * @param count the page size, at most {@value #PAGE_LIMIT}
     * @param filter which comments
     * @return the page
     */
    public CommentPage list(long msgDataId, int index, int begin, int count, Filter filter) {
        Map<String, Object> body = article(msgDataId, index);
        body.put("begin", begin);
        body.put("count", Math.min(count, PAGE_LIMIT));
        body.put("type", filter.ordinal());
        JsonNode json = x.json(ApiExecutor.post("/cgi-bin/comment/list", body));
        List<Comment> comments = new ArrayList<>();
        json.path("comment").forEach(c -> comments.add(Comment.read(c)));
        return new CommentPage(json.path("total").asInt(comments.size()), comments);
    }

    /**
     * Elects a comment (shows it to everyone).
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param userCommentId the comment
     */
    public void markElect(long msgDataId, int index, long userCommentId) {
        x.json(ApiExecutor.post("/cgi-bin/comment/markelect", comment(msgDataId, index, userCommentId)));
    }

    /**
     * Unelects a comment.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param userCommentId the comment
     */
    public void unmarkElect(long msgDataId, int index, long userCommentId) {
        x.json(ApiExecutor.post("/cgi-bin/comment/unmarkelect", comment(msgDataId, index, userCommentId)));
    }

    /**
     * Deletes a comment.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param userCommentId the comment
     */
    public void delete(long msgDataId, int index, long userCommentId) {
        x.json(ApiExecutor.post("/cgi-bin/comment/delete", comment(msgDataId, index, userCommentId)));
    }

    /**
     * Replies to a comment.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param userCommentId the comment
     * @param content the reply
     */
    public void reply(long msgDataId, int index, long userCommentId, String content) {
        Map<String, Object> body = comment(msgDataId, index, userCommentId);
        body.put("content", content);
        x.json(ApiExecutor.post("/cgi-bin/comment/reply/add", body));
    }

    /**
     * Deletes the reply to a comment.
     *
     * @param msgDataId the send's data id
     * @param index the article's index
     * @param userCommentId the comment
     */
    public void deleteReply(long msgDataId, int index, long userCommentId) {
        x.json(ApiExecutor.post("/cgi-bin/comment/reply/delete", comment(msgDataId, index, userCommentId)));
    }

    private static Map<String, Object> article(long msgDataId, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg_data_id", msgDataId);
        body.put("index", index);
        return body;
    }

    private static Map<String, Object> comment(long msgDataId, int index, long userCommentId) {
        Map<String, Object> body = article(msgDataId, index);
        body.put("user_comment_id", userCommentId);
        return body;
    }
}
