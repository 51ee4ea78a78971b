package org.wechatmp.core.jobs;

import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncResult;

/**
 * The work of one job kind: the same shape as the sync services' methods. The task must report progress through
 * the listener between pages; that is where a cancelled job stops: the built-in syncs ask
 * {@link org.wechatmp.core.sync.SyncListener#stopRequested()} and stop with their cursor kept, any other kind's
 * progress report throws {@link JobCancelledException}. A task registered under a built-in kind's name must ask
 * {@code stopRequested()} itself.
 */
@FunctionalInterface
public interface JobTask {
    /**
     * Runs the work.
     *
     * @param account the account
     * @param client its client
     * @param listener where progress goes
     * @return what was done
     */
    SyncResult run(Account account, WeChatClient client, SyncListener listener);
}
