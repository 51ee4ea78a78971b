-- Background jobs: one lease row per (account, kind) while a job runs (the primary key lets one node win a
-- start; a conditional UPDATE takes over an expired lease), and a record of every run.

CREATE TABLE wx_job_lease (
    account      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    job_id       VARCHAR(64)  NOT NULL,
    owner        VARCHAR(64)  NOT NULL,
    lease_until  BIGINT       NOT NULL,
    PRIMARY KEY (account, kind)
);

CREATE TABLE wx_job_run (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    account           VARCHAR(64)   NOT NULL,
    kind              VARCHAR(64)   NOT NULL,
    started_by        VARCHAR(128)  NOT NULL,
    started_at        BIGINT        NOT NULL,
    ended_at          BIGINT,
    state             VARCHAR(16)   NOT NULL,
    summary           VARCHAR(1024) NOT NULL,
    error             VARCHAR(2048),
    cancel_requested  BOOLEAN       NOT NULL
);
CREATE INDEX wx_job_run_account ON wx_job_run (account, started_at);
