-- QR codes made in the admin (issue 12) and WeChat's statistics cached per account, report and day (issue 14).
CREATE TABLE wx_admin_qrcode (
    id          ${identity} PRIMARY KEY,
    account     VARCHAR(64)  NOT NULL,
    scene       VARCHAR(64)  NOT NULL,
    permanent   BOOLEAN      NOT NULL,
    label       VARCHAR(128),
    ticket      VARCHAR(255) NOT NULL,
    url         VARCHAR(255) NOT NULL,
    expires_at  BIGINT,
    created_at  BIGINT       NOT NULL,
    created_by  VARCHAR(64)  NOT NULL
);
CREATE INDEX wx_admin_qrcode_account ON wx_admin_qrcode (account, id);

-- one row per account, data cube call and past day (a past day never changes); body is the day's figures as JSON
CREATE TABLE wx_admin_datacube (
    account     VARCHAR(64)    NOT NULL,
    report      VARCHAR(40)    NOT NULL,
    ref_date    VARCHAR(10)    NOT NULL,
    body        VARCHAR(12000) NOT NULL,
    fetched_at  BIGINT         NOT NULL,
    PRIMARY KEY (account, report, ref_date)
);
