package org.wechatmp.core.sync;

import java.time.Clock;
import java.util.List;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.TemplateRepository;

/** Pulls the account's private templates into the template repository. */
public final class TemplateSync {
    /** The kind name in the sync state. */
    public static final String KIND = "templates";

    private final TemplateRepository templates;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param templates where templates go
     * @param states where results are recorded
     * @param clock the clock
     */
    public TemplateSync(TemplateRepository templates, SyncStateStore states, Clock clock) {
        this.templates = templates;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Runs the sync.
     *
     * @param account the account
     * @param client its client
     * @param listener progress
     * @return what was done
     */
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        List<Template> all;
        try {
            all = client.templates().list();
        } catch (WeChatException e) {
            states.put(new SyncState(account.name(), KIND, null, "failed", 0, 0, "failed: " + e.getMessage(),
                    clock.instant()));
            throw new SyncException("template sync of " + account.name() + " failed: " + e.getMessage(), null, e);
        }
        templates.replaceAll(account.name(), all);
        states.put(new SyncState(account.name(), KIND, null, "done", all.size(), all.size(), "ok: " + all.size()
                + " templates", clock.instant()));
        listener.progress(new SyncProgress(account.name(), KIND, "done", all.size(), all.size()));
        return new SyncResult(KIND, all.size(), all.size(), 0, 1);
    }
}
