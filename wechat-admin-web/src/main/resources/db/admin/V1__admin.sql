-- The admin's own tables, migrated with their own history table (wx_admin_schema_history) beside the storage's.
CREATE TABLE wx_admin_user (
    id             ${identity} PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    superuser      BOOLEAN      NOT NULL,
    active         BOOLEAN      NOT NULL,
    locale         VARCHAR(16),
    time_zone      VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    last_login_at  BIGINT
);
CREATE UNIQUE INDEX wx_admin_user_name ON wx_admin_user (username);

CREATE TABLE wx_admin_grant (
    admin_id  BIGINT      NOT NULL,
    account   VARCHAR(64) NOT NULL,
    section   VARCHAR(16) NOT NULL,
    level     VARCHAR(16) NOT NULL,
    PRIMARY KEY (admin_id, account, section)
);

CREATE TABLE wx_admin_audit (
    id         ${identity} PRIMARY KEY,
    at         BIGINT       NOT NULL,
    admin      VARCHAR(64)  NOT NULL,
    account    VARCHAR(64)  NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    target     VARCHAR(255) NOT NULL,
    result     VARCHAR(16)  NOT NULL,
    errcode    INTEGER,
    detail     VARCHAR(500)
);
CREATE INDEX wx_admin_audit_at ON wx_admin_audit (at);
