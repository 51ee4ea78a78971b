-- wechatmp schema. Portable across H2, PostgreSQL and MySQL/MariaDB; the only differences are the
-- placeholders ${text} (a long text column) and ${identity} (an auto-increment key), set per vendor.
-- Times are epoch milliseconds in BIGINT columns, so no vendor's time zone handling is involved.

CREATE TABLE wx_account (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    title         VARCHAR(128) NOT NULL,
    account_type  VARCHAR(16)  NOT NULL,
    app_id        VARCHAR(64)  NOT NULL,
    secret        VARCHAR(512) NOT NULL,
    token         VARCHAR(512) NOT NULL,
    aes_key       VARCHAR(512) NOT NULL,
    encrypt_mode  VARCHAR(16)  NOT NULL,
    log_messages  BOOLEAN      NOT NULL,
    log_replies   BOOLEAN      NOT NULL,
    options_json  ${text},
    updated_at    BIGINT       NOT NULL
);

CREATE TABLE wx_token (
    token_key    VARCHAR(255)  NOT NULL PRIMARY KEY,
    token_value  VARCHAR(2048),
    expires_at   BIGINT,
    lease_owner  VARCHAR(64),
    lease_until  BIGINT        NOT NULL
);

CREATE TABLE wx_dedupe (
    msg_key     VARCHAR(255) NOT NULL PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL,
    reply       ${text},
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX wx_dedupe_expiry ON wx_dedupe (expires_at);

CREATE TABLE wx_nonce (
    account     VARCHAR(64)  NOT NULL,
    nonce       VARCHAR(160) NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (account, nonce)
);
CREATE INDEX wx_nonce_expiry ON wx_nonce (expires_at);

CREATE TABLE wx_user (
    account          VARCHAR(64)  NOT NULL,
    openid           VARCHAR(64)  NOT NULL,
    unionid          VARCHAR(64),
    nickname         VARCHAR(128),
    avatar           VARCHAR(512),
    sex              INT          NOT NULL,
    language         VARCHAR(32),
    city             VARCHAR(64),
    province         VARCHAR(64),
    country          VARCHAR(64),
    subscribed       BOOLEAN,
    subscribe_time   BIGINT,
    subscribe_scene  VARCHAR(64),
    qr_scene         BIGINT       NOT NULL,
    qr_scene_str     VARCHAR(128),
    remark           VARCHAR(64),
    note             ${text},
    tag_ids          VARCHAR(1024),
    first_seen       BIGINT       NOT NULL,
    synced_at        BIGINT,
    PRIMARY KEY (account, openid)
);
CREATE INDEX wx_user_unionid ON wx_user (account, unionid);

CREATE TABLE wx_tag (
    account     VARCHAR(64) NOT NULL,
    tag_id      INT         NOT NULL,
    name        VARCHAR(64) NOT NULL,
    user_count  INT         NOT NULL,
    PRIMARY KEY (account, tag_id)
);

CREATE TABLE wx_user_tag (
    account  VARCHAR(64) NOT NULL,
    openid   VARCHAR(64) NOT NULL,
    tag_id   INT         NOT NULL,
    PRIMARY KEY (account, openid, tag_id)
);

CREATE TABLE wx_menu (
    account         VARCHAR(64) NOT NULL,
    menu_id         VARCHAR(64) NOT NULL,
    menu_json       ${text},
    match_rule      ${text},
    published_json  ${text},
    synced_at       BIGINT,
    PRIMARY KEY (account, menu_id)
);

CREATE TABLE wx_handler (
    id            ${identity} PRIMARY KEY,
    account       VARCHAR(64)  NOT NULL,
    name          VARCHAR(128) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    weight        INT          NOT NULL,
    starts_at     BIGINT,
    ends_at       BIGINT,
    strategy      VARCHAR(16)  NOT NULL,
    log_messages  BOOLEAN      NOT NULL,
    source        VARCHAR(16)  NOT NULL,
    created_at    BIGINT       NOT NULL
);
CREATE INDEX wx_handler_account ON wx_handler (account, weight, created_at);

CREATE TABLE wx_rule (
    id          ${identity} PRIMARY KEY,
    handler_id  BIGINT        NOT NULL,
    position    INT           NOT NULL,
    rule_type   VARCHAR(16)   NOT NULL,
    rule_value  VARCHAR(1024) NOT NULL,
    rule_key    VARCHAR(255)  NOT NULL
);
CREATE INDEX wx_rule_handler ON wx_rule (handler_id);

CREATE TABLE wx_reply (
    id              ${identity} PRIMARY KEY,
    handler_id      BIGINT       NOT NULL,
    position        INT          NOT NULL,
    reply_type      VARCHAR(16)  NOT NULL,
    content         ${text},
    media_id        VARCHAR(128),
    title           VARCHAR(255),
    description     ${text},
    music_url       VARCHAR(1024),
    hq_music_url    VARCHAR(1024),
    thumb_media_id  VARCHAR(128),
    url             VARCHAR(1024),
    fn_name         VARCHAR(128)
);
CREATE INDEX wx_reply_handler ON wx_reply (handler_id);

CREATE TABLE wx_handler_version (
    account  VARCHAR(64) NOT NULL PRIMARY KEY,
    version  BIGINT      NOT NULL
);

CREATE TABLE wx_material (
    account        VARCHAR(64)   NOT NULL,
    media_id       VARCHAR(128)  NOT NULL,
    material_type  VARCHAR(16)   NOT NULL,
    name           VARCHAR(255),
    url            VARCHAR(1024),
    update_time    BIGINT        NOT NULL,
    alias          VARCHAR(64),
    note           ${text},
    PRIMARY KEY (account, media_id)
);

CREATE TABLE wx_article (
    account                VARCHAR(64)   NOT NULL,
    media_id               VARCHAR(128)  NOT NULL,
    position               INT           NOT NULL,
    title                  VARCHAR(255),
    thumb_media_id         VARCHAR(128),
    thumb_url              VARCHAR(1024),
    show_cover_pic         INT           NOT NULL,
    author                 VARCHAR(64),
    digest                 VARCHAR(1024),
    content                ${text},
    url                    VARCHAR(1024),
    content_source_url     VARCHAR(1024),
    need_open_comment      INT           NOT NULL,
    only_fans_can_comment  INT           NOT NULL,
    PRIMARY KEY (account, media_id, position)
);

CREATE TABLE wx_message_log (
    id          ${identity} PRIMARY KEY,
    account     VARCHAR(64)  NOT NULL,
    direction   VARCHAR(8)   NOT NULL,
    msg_id      BIGINT       NOT NULL,
    openid      VARCHAR(64)  NOT NULL,
    msg_type    VARCHAR(32)  NOT NULL,
    event       VARCHAR(64)  NOT NULL,
    handler     VARCHAR(128) NOT NULL,
    xml         ${text},
    created_at  BIGINT       NOT NULL
);
CREATE INDEX wx_message_log_time ON wx_message_log (account, created_at);

CREATE TABLE wx_template (
    account           VARCHAR(64)  NOT NULL,
    template_id       VARCHAR(128) NOT NULL,
    title             VARCHAR(128),
    primary_industry  VARCHAR(64),
    deputy_industry   VARCHAR(64),
    content           ${text},
    example           ${text},
    alias             VARCHAR(64),
    note              ${text},
    PRIMARY KEY (account, template_id)
);

CREATE TABLE wx_sync_state (
    account       VARCHAR(64)   NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    cursor_value  VARCHAR(255),
    phase         VARCHAR(64),
    done          BIGINT        NOT NULL,
    total         BIGINT        NOT NULL,
    last_result   VARCHAR(1024),
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (account, kind)
);
