-- The account's blacklist as the admin last saw it in WeChat (tags/members/getblacklist), kept in step by the
-- blacklist pages: an add or remove is pushed to WeChat first, then written here; a sync replaces it.
CREATE TABLE wx_admin_blacklist (
    account   VARCHAR(64)  NOT NULL,
    openid    VARCHAR(255) NOT NULL,
    added_at  BIGINT       NOT NULL,
    PRIMARY KEY (account, openid)
);
