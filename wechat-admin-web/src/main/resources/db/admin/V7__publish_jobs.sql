-- Materials and drafts (issue 13): each free-publish submission the admin made, and how it ended
-- (PUBLISHJOBFINISH event, or polling freepublish/get). status: 1 publishing, 0 published, 2-6 WeChat's failures.
CREATE TABLE wx_admin_publish (
    account       VARCHAR(64)   NOT NULL,
    publish_id    VARCHAR(64)   NOT NULL,
    media_id      VARCHAR(128)  NOT NULL,
    title         VARCHAR(255)  NOT NULL,
    submitted_by  VARCHAR(64)   NOT NULL,
    submitted_at  BIGINT        NOT NULL,
    status        INTEGER       NOT NULL,
    article_id    VARCHAR(128),
    article_url   VARCHAR(1024),
    fail_idx      VARCHAR(255),
    finished_at   BIGINT,
    source        VARCHAR(16),
    PRIMARY KEY (account, publish_id)
);
CREATE INDEX wx_admin_publish_at ON wx_admin_publish (account, submitted_at);
