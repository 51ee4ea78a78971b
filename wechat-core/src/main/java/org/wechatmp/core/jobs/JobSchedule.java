package org.wechatmp.core.jobs;

/** A recurring job started by {@link JobRunner#schedule}; closing it stops further runs. */
public interface JobSchedule extends AutoCloseable {
    /** Stops further runs (a run already started goes on). */
    @Override
    void close();
}
