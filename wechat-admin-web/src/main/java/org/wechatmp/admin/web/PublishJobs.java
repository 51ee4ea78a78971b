package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.PublishJobFinishEvent;

/**
 * The free-publish submissions made from the admin ({@code wx_admin_publish}) and how they ended: the
 * {@code PUBLISHJOBFINISH} event settles a submission as it arrives (this is a {@link CallbackListener}); a submission
 * still publishing a while after it was sent is asked about with {@code freepublish/get} when the published page is
 * viewed ({@link #settle}).
 */
final class PublishJobs implements CallbackListener {
    /** WeChat's status while a job runs. */
    static final int PUBLISHING = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PublishJobs.class);

    /**
     * One submission.
     *
     * @param publishId WeChat's job id
     * @param mediaId the draft
     * @param title the draft's first title when submitted
     * @param submittedBy the admin
     * @param submittedAt when
     * @param status 1 publishing, 0 published, 2 to 6 WeChat's failures
     * @param articleId the article id once published
     * @param articleUrl the first article's URL once published
     * @param failIdx the indexes that failed, comma separated
     * @param finishedAt when the result arrived
     * @param source {@code event} or {@code poll}
     */
    record Job(String publishId, String mediaId, String title, String submittedBy, Instant submittedAt, int status,
            String articleId, String articleUrl, String failIdx, Instant finishedAt, String source) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    PublishJobs(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    void submitted(String account, String publishId, String mediaId, String title, String who) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_admin_publish (account, publish_id, media_id, title, "
                + "submitted_by, submitted_at, status) VALUES (:a, :p, :m, :t, :w, :at, :s)").bind("a", account)
                .bind("p", publishId).bind("m", mediaId).bind("t", cut(title, 255)).bind("w", cut(who, 64))
                .bind("at", clock.millis()).bind("s", PUBLISHING).execute());
    }

    List<Job> recent(String account, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_publish WHERE account = :a ORDER BY "
                + "submitted_at DESC, publish_id DESC").bind("a", account).setMaxRows(limit).map((rs, ctx) -> new Job(
                rs.getString("publish_id"), rs.getString("media_id"), rs.getString("title"),
                rs.getString("submitted_by"), Instant.ofEpochMilli(rs.getLong("submitted_at")), rs.getInt("status"),
                rs.getString("article_id"), rs.getString("article_url"), rs.getString("fail_idx"),
                rs.getObject("finished_at") == null ? null : Instant.ofEpochMilli(rs.getLong("finished_at")),
                rs.getString("source"))).list());
    }

    /** Records a result unless one was recorded already; returns whether this call settled the job. */
    boolean finish(String account, String publishId, int status, String articleId, String articleUrl,
            String failIdx, String source) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_admin_publish SET status = :s, article_id = :ai, "
                + "article_url = :au, fail_idx = :f, finished_at = :at, source = :src WHERE account = :a AND "
                + "publish_id = :p AND status = :pending").bind("s", status).bind("ai", articleId)
                .bind("au", cut(articleUrl, 1024)).bind("f", cut(failIdx, 255)).bind("at", clock.millis())
                .bind("src", source).bind("a", account).bind("p", publishId).bind("pending", PUBLISHING).execute());
        return n > 0;
    }

    @Override
    public void received(MessageContext context) {
        if (!(context.message() instanceof PublishJobFinishEvent e)) {
            return;
        }
        String account = context.account().name();
        String publishId = Long.toString(e.publishId());
        String url = e.articles().isEmpty() ? null : e.articles().get(0).articleUrl();
        String failed = e.failIdx().stream().map(String::valueOf).collect(Collectors.joining(","));
        if (finish(account, publishId, e.publishStatus(), e.articleId(), url, failed, "event")) {
            audit.record("wechat", account, "publish.finished", publishId, e.succeeded(), e.succeeded() ? null
                    : e.publishStatus(), e.succeeded() ? e.articleId() : "publish_status " + e.publishStatus());
        } else {
            LOG.debug("PUBLISHJOBFINISH for {} of {}: not a pending submission of this admin", publishId, account);
        }
    }

    /** Asks WeChat about submissions still publishing after a minute (the event may have been lost). */
    void settle(String account, org.wechatmp.core.client.WeChatClient client) {
        Instant before = clock.instant().minusSeconds(60);
        for (Job j : recent(account, 20)) {
            if (j.status() != PUBLISHING || j.submittedAt().isAfter(before)) {
                continue;
            }
            try {
                JsonNode st = client.freePublish().status(j.publishId());
                int status = st.path("publish_status").asInt(PUBLISHING);
                if (status != PUBLISHING) {
                    JsonNode first = st.path("article_detail").path("item").path(0);
                    List<String> failed = new java.util.ArrayList<>();
                    st.path("fail_idx").forEach(n -> failed.add(n.asText()));
                    if (finish(account, j.publishId(), status, st.path("article_id").asText(null),
                            first.path("article_url").asText(null), String.join(",", failed), "poll")) {
                        audit.record("wechat", account, "publish.finished", j.publishId(), status == 0,
                                status == 0 ? null : status, "polled");
                    }
                }
            } catch (RuntimeException e) {
                LOG.info("polling publish job {} of {} failed: {}", j.publishId(), account, e.getMessage());
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
