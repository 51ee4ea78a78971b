package org.wechatmp.core.client;

import java.util.List;

/**
 * One page of the comments of an article.
 *
 * @param total how many comments there are in all
 * @param comments the comments of this page
 */
public record CommentPage(int total, List<Comment> comments) {
    /**
     * Copies the list.
     *
     * @param total how many comments there are in all
     * @param comments the comments of this page
     */
    public CommentPage {
        comments = List.copyOf(comments);
    }
}
