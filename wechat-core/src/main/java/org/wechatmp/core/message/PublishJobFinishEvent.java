package org.wechatmp.core.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a free publish ({@code PUBLISHJOBFINISH}): {@link #publishId()} ties it to the id
 * {@code freePublish().submit(...)} returned.
 */
public final class PublishJobFinishEvent extends EventMessage {
    /**
     * A published article of the job.
     *
     * @param idx its index, from 1
     * @param articleUrl its permanent URL
     */
    public record Article(int idx, String articleUrl) {
    }

    PublishJobFinishEvent(XmlFields fields) {
        super(fields);
    }

    private XmlFields info() {
        return fields().child("PublishEventInfo");
    }

    /**
     * The publish id.
     *
     * @return the id, 0 when absent
     */
    public long publishId() {
        return info().longValue("publish_id", 0L);
    }

    /**
     * The status: 0 success, 1 publishing, 2 original-content failure, 3 general failure, 4 rejected by review, 5
     * deleted by the user after success, 6 banned after success.
     *
     * @return the status, -1 when absent
     */
    public int publishStatus() {
        return info().intValue("publish_status", -1);
    }

    /**
     * Whether the publish succeeded.
     *
     * @return true for status 0
     */
    public boolean succeeded() {
        return publishStatus() == 0;
    }

    /**
     * The article id (for {@code freepublish/getarticle}), on success.
     *
     * @return the id, empty when absent
     */
    public String articleId() {
        return info().text("article_id", "");
    }

    /**
     * The published articles with their URLs, on success.
     *
     * @return the articles in order
     */
    public List<Article> articles() {
        List<Article> out = new ArrayList<>();
        for (XmlFields item : info().child("article_detail").children("item")) {
            out.add(new Article(item.intValue("idx", 0), item.text("article_url", "")));
        }
        return List.copyOf(out);
    }

    /**
     * The indexes (from 1) of the articles that failed the original-content check or review.
     *
     * @return the indexes, empty when none
     */
    public List<Integer> failIdx() {
        Object v = info().asMap().get("fail_idx");
        List<Integer> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                add(out, o);
            }
        } else if (v != null) {
            add(out, v);
        }
        return List.copyOf(out);
    }

    private static void add(List<Integer> out, Object o) {
        try {
            out.add(Integer.parseInt(String.valueOf(o).trim()));
        } catch (NumberFormatException e) {
            // a malformed index is skipped: the event stays readable
        }
    }
}
