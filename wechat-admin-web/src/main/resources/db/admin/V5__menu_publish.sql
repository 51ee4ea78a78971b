-- Who published each menu version (wx_menu_published.id) from the admin, and which version a restore republished.
CREATE TABLE wx_admin_menu_publish (
    published_id   BIGINT       NOT NULL PRIMARY KEY,
    account        VARCHAR(64)  NOT NULL,
    admin          VARCHAR(64)  NOT NULL,
    restored_from  BIGINT
);
