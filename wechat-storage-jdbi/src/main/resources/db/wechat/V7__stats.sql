-- Local statistics of the admin (issue 12), counted from callbacks as they arrive (docs/query-plans.md):
-- per account, kind and day (epoch day in the admin's time zone), a counter per item: messages by type, follows,
-- unfollows, text keywords, menu clicks, QR scans and follows through a QR code. A chart reads a few hundred rows
-- whatever the size of the message log.
CREATE TABLE wx_stat_day (
    account   VARCHAR(64)  NOT NULL,
    kind      VARCHAR(16)  NOT NULL,
    stat_day  INT          NOT NULL,
    item      VARCHAR(64)  NOT NULL,
    hits      BIGINT       NOT NULL,
    PRIMARY KEY (account, kind, stat_day, item)
);

-- who followed through which QR scene (subscribe events with a qrscene_ key), so followers acquired count each
-- follower once together with the synced followers' qr_scene_str
CREATE TABLE wx_qr_follower (
    account      VARCHAR(64)  NOT NULL,
    scene        VARCHAR(64)  NOT NULL,
    openid       VARCHAR(64)  NOT NULL,
    followed_at  BIGINT       NOT NULL,
    PRIMARY KEY (account, scene, openid)
);

-- followers acquired by a QR scene (synced followers' qr_scene_str); partial on PostgreSQL like V3's list indexes, so
-- per-follower statements always take the primary key (see Dialect)
CREATE INDEX wx_user_qr_scene ON wx_user (account, qr_scene_str, openid)${list_index};

-- how far the message log has been read into the handler counters (kind 'handler'): the handler that answered is
-- known only to the log, so its new lines are read once, in id order, and added to wx_stat_day
CREATE TABLE wx_stat_cursor (
    name     VARCHAR(32)  NOT NULL PRIMARY KEY,
    last_id  BIGINT       NOT NULL
);
