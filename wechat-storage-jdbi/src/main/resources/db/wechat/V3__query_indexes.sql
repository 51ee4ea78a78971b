-- Indexes for the admin's read queries (followers, materials, message log, menu history), tried with 1,000,000
-- followers and 10,000,000 log lines (docs/query-plans.md). Portable through placeholders set per vendor
-- (Dialect.placeholders; not spelled here, since a placeholder is replaced in comments too):
--   alter_column / set_type / not_null: "ALTER COLUMN c SET DATA TYPE t" on H2 and PostgreSQL (NOT NULL kept),
--     "MODIFY c t NOT NULL" on MySQL/MariaDB;
--   nulls_low: "NULLS FIRST" on PostgreSQL, so that an index sorts a missing subscribe time lowest, as H2 and
--     MySQL/MariaDB do by default and as the queries ask; empty elsewhere;
--   pg_trgm: on PostgreSQL, trigram indexes for "contains" search on nickname and remark when the pg_trgm
--     extension can be created; empty elsewhere (there the search scans the account's followers).

-- followers, by subscribe time (the admin's default list: subscribed, newest first), with the openid as the tie
-- breaker so a page is an index range and the deferred join of deep pages reads only the index; on PostgreSQL
-- partial on openid <> '' (see Dialect: per-follower statements must always take the primary key)
CREATE INDEX wx_user_subscribed_time ON wx_user (account, subscribed, subscribe_time ${nulls_low}, openid)${list_index};
CREATE INDEX wx_user_time ON wx_user (account, subscribe_time ${nulls_low}, openid)${list_index};

-- followers of a tag (the primary key serves "is this follower tagged")
CREATE INDEX wx_user_tag_members ON wx_user_tag (account, tag_id, openid);

-- materials by type, newest first
CREATE INDEX wx_material_type_time ON wx_material (account, material_type, update_time, media_id);

-- a follower's conversation, newest first, keyset paged on (created_at, id)
CREATE INDEX wx_message_log_openid ON wx_message_log (account, openid, created_at, id);

-- every menu publication (wx_menu.published_json keeps the latest)
CREATE TABLE wx_menu_published (
    id            ${identity} PRIMARY KEY,
    account       VARCHAR(64) NOT NULL,
    published_at  BIGINT      NOT NULL,
    menu_json     ${text}
);
CREATE INDEX wx_menu_published_account ON wx_menu_published (account, id);

${pg_trgm}
