-- Column sizes for what WeChat sends and documents. Portable through placeholders set per vendor:
--   ALTER TABLE t ${alter_column} c ${set_type} VARCHAR(n) ${not_null}
-- reads "ALTER COLUMN c SET DATA TYPE VARCHAR(n)" on H2 and PostgreSQL (which keep NOT NULL) and
-- "MODIFY c VARCHAR(n) NOT NULL" on MySQL/MariaDB (which restate the whole column).
--
-- Audit of V1 (WeChat's documented or observed sizes):
--   openid / unionid: 28 characters today, but not a documented bound; FromUserName/ToUserName and the follower
--     cursor (next_openid) carry them. 255 everywhere an openid is stored (wx_sync_state.cursor_value is 255).
--   nickname: up to 32 characters in the console, but emoji and older accounts go beyond; 1024.
--   headimgurl: about 130 characters; 1024. city/province/country: free text; 255. remark: 30 characters; 255.
--   qr_scene_str: 64 characters documented; 255 (the subscribe EventKey adds "qrscene_").
--   event keys: a VIEW menu button's URL (the EventKey) is up to 1,024 bytes; wx_rule.rule_key 1024.
--   auto-reply media: the console's video reply carries a URL, not a media id (185 characters in the documented
--     payload); wx_reply.media_id 1024, thumb_media_id 255.
--   article URLs (url, thumb_url, content_source_url): not bounded by the documentation; 2048.
--   access token: "reserve at least 512 characters"; sealed with the master key it grows by a third plus 32;
--     wx_token.token_value 4096.
--   wx_dedupe.msg_key and wx_nonce.nonce: unchanged; the store keeps a SHA-256 of the key (64 characters), so
--     a 10 KB EventKey or a 1 KB nonce fits.
--   message log: openid 255; the XML (with any event key) is already a long text column.
--   Unchanged, within WeChat's bounds: appid (18), media_id of materials (64), template_id (43), tag names (30),
--   auto-reply rule names (60), language, subscribe_scene, msg_type.

ALTER TABLE wx_token ${alter_column} token_value ${set_type} VARCHAR(4096);

ALTER TABLE wx_user ${alter_column} openid ${set_type} VARCHAR(255) ${not_null};
ALTER TABLE wx_user ${alter_column} unionid ${set_type} VARCHAR(255);
ALTER TABLE wx_user ${alter_column} nickname ${set_type} VARCHAR(1024);
ALTER TABLE wx_user ${alter_column} avatar ${set_type} VARCHAR(1024);
ALTER TABLE wx_user ${alter_column} city ${set_type} VARCHAR(255);
ALTER TABLE wx_user ${alter_column} province ${set_type} VARCHAR(255);
ALTER TABLE wx_user ${alter_column} country ${set_type} VARCHAR(255);
ALTER TABLE wx_user ${alter_column} qr_scene_str ${set_type} VARCHAR(255);
ALTER TABLE wx_user ${alter_column} remark ${set_type} VARCHAR(255);

ALTER TABLE wx_user_tag ${alter_column} openid ${set_type} VARCHAR(255) ${not_null};

ALTER TABLE wx_rule ${alter_column} rule_key ${set_type} VARCHAR(1024) ${not_null};

ALTER TABLE wx_reply ${alter_column} media_id ${set_type} VARCHAR(1024);
ALTER TABLE wx_reply ${alter_column} thumb_media_id ${set_type} VARCHAR(255);

ALTER TABLE wx_article ${alter_column} thumb_url ${set_type} VARCHAR(2048);
ALTER TABLE wx_article ${alter_column} url ${set_type} VARCHAR(2048);
ALTER TABLE wx_article ${alter_column} content_source_url ${set_type} VARCHAR(2048);

ALTER TABLE wx_message_log ${alter_column} openid ${set_type} VARCHAR(255) ${not_null};

-- (account, openid) must be the only index a per-follower statement can use. With (account, unionid) beside it,
-- PostgreSQL planned "UPDATE wx_user ... WHERE account = ? AND openid = ?" on a never-analysed table through the
-- unionid index (same estimated cost), then read every follower of the account for each update: the first sync
-- of 100,000 followers took minutes. A unionid names one person across accounts, so it is indexed on its own.
-- ${index_table_wx_user} is " ON wx_user" on MySQL/MariaDB (which names the table), empty on H2 and PostgreSQL.
DROP INDEX wx_user_unionid${index_table_wx_user};
CREATE INDEX wx_user_unionid ON wx_user (unionid);
