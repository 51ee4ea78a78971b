package org.wechatmp.core.jobs;

/**
 * The built-in job kinds; a job's kind is its {@link #name()}. Custom kinds are registered by name with
 * {@link JobRunnerBuilder#task(String, JobTask)}.
 */
public enum JobKind {
    /** Every follower, marking those gone as unsubscribed. */
    FOLLOWERS_FULL,
    /** The followers after the saved cursor; also how an interrupted follower sync is resumed. */
    FOLLOWERS_INCREMENTAL,
    /** Tags and their members. */
    TAGS,
    /** The published menu and the conditional menus. */
    MENUS,
    /** Permanent materials. */
    MATERIALS,
    /** Private templates. */
    TEMPLATES,
    /** The auto-replies configured in the WeChat console. */
    AUTO_REPLIES
}
