-- Template messages sent from the admin: one row per recipient, updated with WeChat's delivery status when the
-- TEMPLATESENDJOBFINISH event for its msg_id arrives (the admin's callback subscriber writes it, so it is an admin
-- table). status: sending, sent (waiting for the event), error (WeChat refused: errcode), or the event's Status
-- (success, failed:user block, failed: system failed).
CREATE TABLE wx_admin_template_send (
    id           ${identity} PRIMARY KEY,
    account      VARCHAR(64)   NOT NULL,
    batch_id     BIGINT,
    template_id  VARCHAR(128)  NOT NULL,
    openid       VARCHAR(255)  NOT NULL,
    msg_id       BIGINT,
    status       VARCHAR(64)   NOT NULL,
    errcode      INTEGER,
    sent_by      VARCHAR(64)   NOT NULL,
    sent_at      BIGINT        NOT NULL,
    status_at    BIGINT,
    data_json    VARCHAR(4000) NOT NULL
);
CREATE INDEX wx_admin_template_send_account ON wx_admin_template_send (account, id);
CREATE INDEX wx_admin_template_send_msg ON wx_admin_template_send (account, msg_id);
CREATE INDEX wx_admin_template_send_batch ON wx_admin_template_send (batch_id, openid);

-- A send to every follower of a tag, inserted by the page before it starts the TEMPLATE_SEND job; the job reads the
-- oldest pending batch of its account, skips the followers this batch already has a row for (so a resumed job goes
-- on where it stopped) and marks it done.
CREATE TABLE wx_admin_template_batch (
    id           ${identity} PRIMARY KEY,
    account      VARCHAR(64)   NOT NULL,
    template_id  VARCHAR(128)  NOT NULL,
    tag_id       INTEGER       NOT NULL,
    data_json    VARCHAR(4000) NOT NULL,
    url          VARCHAR(1024),
    created_by   VARCHAR(64)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    state        VARCHAR(16)   NOT NULL
);
CREATE INDEX wx_admin_template_batch_account ON wx_admin_template_batch (account, state, id);
