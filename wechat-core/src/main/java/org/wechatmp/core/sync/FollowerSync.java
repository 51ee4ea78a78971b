package org.wechatmp.core.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.FollowerPage;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.client.UsersApi;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Pulls followers into the user repository: pages of up to 10,000 openids by {@code next_openid}, profiles 100 per
 * call, upserts in batches. A full sync also marks as unsubscribed every stored follower WeChat no longer lists; an
 * incremental sync resumes after the stored cursor. The cursor is saved after every page, so a failure mid-way
 * loses nothing and a re-run completes; re-running never duplicates (rows are keyed by openid).
 */
public final class FollowerSync {
    /** The kind name in the sync state. */
    public static final String KIND = "followers";

    private final UserRepository users;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param users where followers are stored
     * @param states where the cursor and result are kept
     * @param clock the clock
     */
    public FollowerSync(UserRepository users, SyncStateStore states, Clock clock) {
        this.users = users;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Syncs every follower and marks those gone as unsubscribed.
     *
     * @param account the account
     * @param client its client
     * @param listener progress
     * @return what was done
     * @throws SyncException when WeChat fails mid-way (the cursor is saved)
     */
    public SyncResult full(Account account, WeChatClient client, SyncListener listener) {
        return run(account, client, null, true, listener);
    }

    /**
     * Syncs the followers after the stored cursor (those who followed since the last run).
     *
     * @param account the account
     * @param client its client
     * @param listener progress
     * @return what was done
     * @throws SyncException when WeChat fails mid-way (the cursor is saved)
     */
    public SyncResult incremental(Account account, WeChatClient client, SyncListener listener) {
        String cursor = states.get(account.name(), KIND).map(SyncState::cursor).orElse(null);
        return run(account, client, cursor, false, listener);
    }

    private SyncResult run(Account account, WeChatClient client, String start, boolean full, SyncListener listener) {
        String name = account.name();
        String cursor = start;
        long fetched = 0;
        long calls = 0;
        long total = 0;
        Set<String> seen = full ? new HashSet<>() : null;
        save(name, cursor, "listing", 0, 0, "running");
        try {
            while (true) {
                FollowerPage page = client.users().followers(cursor);
                calls++;
                total = Math.max(total, page.total());
                if (page.openids().isEmpty()) {
                    break;
                }
                List<UserInfo> infos = new ArrayList<>(page.openids().size());
                for (int i = 0; i < page.openids().size(); i += UsersApi.BATCH_INFO_LIMIT) {
                    List<String> chunk = page.openids().subList(i, Math.min(page.openids().size(),
                            i + UsersApi.BATCH_INFO_LIMIT));
                    infos.addAll(client.users().batchInfo(chunk));
                    calls++;
                    listener.progress(new SyncProgress(name, KIND, "profiles", fetched + infos.size(), total));
                }
                // one write per page: a page is stored whole or not at all, and commits stay few
                users.saveAll(name, convert(infos));
                fetched += page.openids().size();
                listener.progress(new SyncProgress(name, KIND, "stored", fetched, total));
                if (seen != null) {
                    seen.addAll(page.openids());
                }
                String next = page.nextOpenid();
                // the cursor of the last completed page: a resumed run starts after it
                if (!next.isEmpty()) {
                    cursor = next;
                }
                save(name, cursor, "profiles", fetched, total, "running");
                boolean complete = full ? fetched >= total : next.isEmpty();
                if (complete || next.isEmpty()) {
                    break;
                }
            }
        } catch (WeChatException e) {
            save(name, cursor, "failed", fetched, total, "failed: " + e.getMessage());
            throw new SyncException("follower sync of " + name + " stopped after " + fetched + " followers: "
                    + e.getMessage(), cursor, e);
        }
        long removed = 0;
        if (seen != null) {
            removed = users.markUnsubscribedExcept(name, seen);
        }
        save(name, cursor, "done", fetched, total, "ok: " + fetched + " synced, " + removed + " unsubscribed");
        listener.progress(new SyncProgress(name, KIND, "done", fetched, total));
        return new SyncResult(KIND, fetched, fetched, removed, calls);
    }

    private List<WeChatUser> convert(List<UserInfo> infos) {
        Instant now = clock.instant();
        List<WeChatUser> out = new ArrayList<>(infos.size());
        for (UserInfo u : infos) {
            out.add(new WeChatUser(u.openid(), blank(u.unionid()), blank(u.nickname()), blank(u.headimgurl()), u.sex(),
                    blank(u.language()), blank(u.city()), blank(u.province()), blank(u.country()), u.isSubscribed(),
                    u.subscribeTime() > 0 ? Instant.ofEpochSecond(u.subscribeTime()) : null,
                    blank(u.subscribeScene()), u.qrScene(), blank(u.qrSceneStr()), blank(u.remark()), null,
                    u.tagidList(), now, now));
        }
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void save(String account, String cursor, String phase, long done, long total, String result) {
        states.put(new SyncState(account, KIND, cursor, phase, done, total, result, clock.instant()));
    }
}
