-- Mass sends (broadcasts) composed in the admin, reviewed by a second admin, then sent; one row per WeChat send
-- call (mass/send takes at most 10,000 openids, so a long list makes several), updated by MASSSENDJOBFINISH.
CREATE TABLE wx_admin_broadcast (
    id              ${identity} PRIMARY KEY,
    account         VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    msg_type        VARCHAR(16)   NOT NULL,
    content         VARCHAR(2000) NOT NULL,
    title           VARCHAR(64),
    description     VARCHAR(120),
    ignore_reprint  BOOLEAN       NOT NULL,
    target          VARCHAR(8)    NOT NULL,
    tag_id          INTEGER,
    user_count      INTEGER       NOT NULL,
    author          VARCHAR(64)   NOT NULL,
    created_at      BIGINT        NOT NULL,
    reviewer        VARCHAR(64),
    reviewed_at     BIGINT,
    reason          VARCHAR(500),
    sent_at         BIGINT,
    errcode         INTEGER,
    error_msg       VARCHAR(500)
);
CREATE INDEX wx_admin_broadcast_account ON wx_admin_broadcast (account, id);

CREATE TABLE wx_admin_broadcast_user (
    broadcast_id  BIGINT       NOT NULL,
    seq           INTEGER      NOT NULL,
    openid        VARCHAR(64)  NOT NULL,
    PRIMARY KEY (broadcast_id, seq)
);

CREATE TABLE wx_admin_broadcast_send (
    broadcast_id  BIGINT       NOT NULL,
    seq           INTEGER      NOT NULL,
    msg_id        BIGINT       NOT NULL,
    msg_data_id   BIGINT,
    status        VARCHAR(64),
    total_count   INTEGER,
    filter_count  INTEGER,
    sent_count    INTEGER,
    error_count   INTEGER,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (broadcast_id, seq)
);
CREATE INDEX wx_admin_broadcast_send_msg ON wx_admin_broadcast_send (msg_id);
