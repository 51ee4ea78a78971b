-- The admin's menu editor (issue 13): the working copy of the default menu ('default') and of a conditional menu
-- being prepared ('conditional'), kept between edits until published. The revision lets two editors notice that
-- the other saved first; a published or imported menu drops the working copy (wx_menu then holds it).
CREATE TABLE wx_menu_draft (
    account    VARCHAR(64)  NOT NULL,
    draft      VARCHAR(16)  NOT NULL,
    menu_json  ${text}      NOT NULL,
    revision   BIGINT       NOT NULL,
    edited_by  VARCHAR(64)  NOT NULL,
    edited_at  BIGINT       NOT NULL,
    PRIMARY KEY (account, draft)
);
