package org.wechatmp.admin.web;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.TemplateMessage;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.jobs.JobTask;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncProgress;
import org.wechatmp.core.sync.SyncResult;

/**
 * The {@code TEMPLATE_SEND} job: sends the pending batches of its account, oldest first (each a template to every
 * follower of a tag, as WeChat lists the tag's members), one message per follower, each a row of the send log. A follower the batch
 * already has a row for is skipped, so a cancelled or failed run resumes where it stopped. A refusal for one follower
 * (e.g. 43004, not following) is logged on its row and the run goes on; a refusal that stops every send (the
 * template is gone, the quota is used up, the API is not authorized) ends the batch and fails the run.
 */
final class TemplateSendJob implements JobTask {
    static final String KIND = "TEMPLATE_SEND";
    private static final Set<Integer> FATAL = Set.of(40037, 45009, 48001, 40001, 40014, 42001, 40164);

    private final TemplateSendStore store;
    private final AuditLog audit;
    private final Clock clock;

    TemplateSendJob(TemplateSendStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SyncResult run(Account account, WeChatClient client, SyncListener listener) {
        Optional<TemplateBatch> pending = store.pendingBatch(account.name());
        if (pending.isEmpty()) {
            listener.progress(new SyncProgress(account.name(), KIND, SyncPhase.DONE, "nothing to send", 0, 0, 0));
            return new SyncResult(KIND, 0, 0, 0, 0);
        }
        long[] totals = new long[3]; // seen, sent, calls
        while (pending.isPresent()) {
            // every pending batch, oldest first: one left by a failed run goes before a newer one
            send(account, client, listener, pending.get(), totals);
            pending = store.pendingBatch(account.name());
        }
        return new SyncResult(KIND, totals[0], totals[1], 0, totals[2]);
    }

    private void send(Account account, WeChatClient client, SyncListener listener, TemplateBatch b, long[] totals) {
        long started = clock.millis();
        long total = client.tags().list().stream().filter(t -> t.id() == b.tagId()).mapToLong(Tag::count)
                .findFirst().orElse(0);
        totals[2]++;
        Set<String> done = store.batchOpenids(b.id());
        long sent = 0;
        long failed = 0;
        long seen = 0;
        listener.progress(new SyncProgress(account.name(), KIND, SyncPhase.STARTED, "tag " + b.tagId(), done.size(),
                total, 0));
        Set<String> members = new LinkedHashSet<>();
        Iterator<String> it = client.tags().allUsers(b.tagId()).iterator();
        while (it.hasNext()) {
            String openid = it.next();
            if (!members.add(openid)) {
                continue; // WeChat's pages may repeat the cursor's follower
            }
            seen++;
            if (done.contains(openid)) {
                continue;
            }
            long row = store.sending(account.name(), b.id(), b.templateId(), openid, b.createdBy(), b.data());
            TemplateMessage m = TemplateMessage.of(openid, b.templateId(), b.data());
            if (b.url() != null && !b.url().isEmpty()) {
                m = m.withUrl(b.url());
            }
            totals[2]++;
            try {
                store.sent(row, client.templates().send(m));
                sent++;
            } catch (WeChatApiException e) {
                store.refused(row, e.errcode());
                failed++;
                if (FATAL.contains(e.errcode())) {
                    store.finishBatch(b.id());
                    audit.record(b.createdBy(), account.name(), "template.sendtag.done", b.templateId(), false,
                            e.errcode(), "batch " + b.id() + " stopped after " + sent + " sent: " + e.errmsg());
                    throw e;
                }
            }
            double secs = Math.max(0.001, (clock.millis() - started) / 1000.0);
            listener.progress(new SyncProgress(account.name(), KIND, SyncPhase.RUNNING, "send",
                    done.size() + sent + failed, Math.max(total, seen), (sent + failed) / secs));
        }
        store.finishBatch(b.id());
        audit.record(b.createdBy(), account.name(), "template.sendtag.done", b.templateId(), failed == 0, null,
                "batch " + b.id() + " tag " + b.tagId() + ": " + sent + " sent, " + failed + " refused");
        totals[0] += seen;
        totals[1] += sent;
    }
}
