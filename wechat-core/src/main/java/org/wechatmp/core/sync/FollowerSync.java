package org.wechatmp.core.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.client.UsersApi;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Pulls followers into the user repository: pages of up to 10,000 openids by {@code next_openid}, profiles 100 per
 * call, one {@code UserRepository.saveAll} per page. Every answer is checked against what WeChat promised: a page must carry {@code total}
 * and {@code count}, send exactly {@code count} openids and end on its {@code next_openid}; a profile batch must answer
 * every requested openid. A short or malformed answer stops the run with a {@link SyncException} (recorded
 * {@link SyncPhase#FAILED}, cursor kept), and the page it belongs to is not stored.
 *
 * <p>A full sync marks as unsubscribed every stored follower WeChat no longer lists, but only after the listing was
 * complete (as many distinct openids as {@code total} said); an incremental sync resumes after the stored cursor.
 * The cursor is saved after every stored page, so a failure mid-way loses nothing and a re-run completes; re-running
 * never duplicates (rows are keyed by openid). A run can be cancelled between pages through
 * {@link SyncListener#stopRequested()}.
 */
public final class FollowerSync {
    /** The kind name in the sync state. */
    public static final String KIND = "followers";
    private static final String LIST = "/cgi-bin/user/get";

    private final UserRepository users;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param users where followers are stored
     * @param states where the cursor and result are kept
     * @param clock the clock for timestamps and progress rates
     */
    public FollowerSync(UserRepository users, SyncStateStore states, Clock clock) {
        this.users = users;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Syncs every follower and, when the listing was complete, marks those gone as unsubscribed.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done
     * @throws SyncException when WeChat fails, answers short or malformed, or the run is cancelled (the cursor is
     *     saved, nobody is marked unsubscribed)
     */
    public SyncResult full(Account account, WeChatClient client, SyncListener listener) {
        return run(account, client, null, true, listener);
    }

    /**
     * Syncs the followers after the stored cursor (those who followed since the last run, or the rest of an
     * interrupted run).
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation
     * @return what was done
     * @throws SyncException when WeChat fails, answers short or malformed, or the run is cancelled (the cursor is
     *     saved)
     */
    public SyncResult incremental(Account account, WeChatClient client, SyncListener listener) {
        String cursor = states.get(account.name(), KIND).map(SyncState::cursor).orElse(null);
        return run(account, client, cursor, false, listener);
    }

    private SyncResult run(Account account, WeChatClient client, String start, boolean full, SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, start, listener);
        String cursor = start;
        long fetched = 0;
        long total = 0;
        Set<String> seen = new HashSet<>();
        try {
            while (true) {
                rec.checkStop();
                Map<String, String> query = new LinkedHashMap<>();
                if (cursor != null && !cursor.isEmpty()) {
                    query.put("next_openid", cursor);
                }
                Answers.OpenidPage page = Answers.OpenidPage.read(client.get(LIST, query), true, "user/get");
                rec.call();
                total = page.total();
                rec.total(total);
                if (page.openids().isEmpty()) {
                    break;
                }
                if (cursor != null && page.next().equals(cursor)) {
                    throw SyncRecorder.incomplete("user/get did not advance past next_openid " + cursor);
                }
                List<UserInfo> infos = new ArrayList<>(page.openids().size());
                for (int i = 0; i < page.openids().size(); i += UsersApi.BATCH_INFO_LIMIT) {
                    List<String> chunk = page.openids().subList(i, Math.min(page.openids().size(),
                            i + UsersApi.BATCH_INFO_LIMIT));
                    List<UserInfo> got = client.users().batchInfo(chunk);
                    rec.call();
                    checkProfiles(chunk, got);
                    infos.addAll(got);
                    rec.tick("profiles", fetched + infos.size());
                }
                // one write per page: a page is stored whole or not at all, and commits stay few
                users.saveAll(name, convert(infos));
                fetched += page.openids().size();
                seen.addAll(page.openids());
                // the cursor of the last stored page: a resumed run starts after it
                if (!page.next().isEmpty()) {
                    cursor = page.next();
                }
                rec.page("stored", fetched, cursor);
                if (page.next().isEmpty() || full && seen.size() >= total) {
                    break;
                }
            }
            long removed = 0;
            if (full) {
                if (seen.size() < total) {
                    throw SyncRecorder.incomplete("the follower listing ended after " + seen.size() + " of the "
                            + total + " followers user/get promised");
                }
                removed = users.markUnsubscribedExcept(name, seen);
            }
            return rec.done(fetched, fetched, removed, fetched + " synced, " + removed + " unsubscribed");
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }

    private static void checkProfiles(List<String> asked, List<UserInfo> got) {
        Set<String> answered = new HashSet<>();
        for (UserInfo u : got) {
            if (u.openid() == null || u.openid().isEmpty()) {
                throw SyncRecorder.incomplete("user/info/batchget sent a profile without openid");
            }
            answered.add(u.openid());
        }
        if (got.size() != asked.size() || !answered.containsAll(asked)) {
            throw SyncRecorder.incomplete("user/info/batchget answered " + answered.size() + " of the "
                    + asked.size() + " profiles asked");
        }
    }

    private List<WeChatUser> convert(List<UserInfo> infos) {
        Instant now = clock.instant();
        List<WeChatUser> out = new ArrayList<>(infos.size());
        for (UserInfo u : infos) {
            out.add(user(u, now));
        }
        return out;
    }

    /**
     * A profile from WeChat as a stored follower (empty texts become {@code null}; no local note).
     *
     * @param u the profile
     * @param now when it was fetched (first seen and synced at)
     * @return the follower
     */
    public static WeChatUser user(UserInfo u, Instant now) {
        return new WeChatUser(u.openid(), blank(u.unionid()), blank(u.nickname()), blank(u.headimgurl()), u.sex(),
                blank(u.language()), blank(u.city()), blank(u.province()), blank(u.country()), u.isSubscribed(),
                u.subscribeTime() > 0 ? Instant.ofEpochSecond(u.subscribeTime()) : null,
                blank(u.subscribeScene()), u.qrScene(), blank(u.qrSceneStr()), blank(u.remark()), null,
                u.tagidList(), now, now);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
