package org.wechatmp.core.sync;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.TagRepository;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * Tags and members both ways: {@link #pull} copies WeChat's tags and their members into the repository; the other
 * methods change WeChat first and the repository only when WeChat accepted, so the two never disagree after an
 * error. Remarks are pushed the same way.
 */
public final class TagSync {
    /** The kind name in the sync state. */
    public static final String KIND = "tags";

    private final TagRepository tags;
    private final UserRepository users;
    private final SyncStateStore states;
    private final Clock clock;

    /**
     * Creates the sync.
     *
     * @param tags where tags go
     * @param users where remarks go
     * @param states where results are recorded
     * @param clock the clock
     */
    public TagSync(TagRepository tags, UserRepository users, SyncStateStore states, Clock clock) {
        this.tags = tags;
        this.users = users;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Copies every tag and its members from WeChat.
     *
     * @param account the account
     * @param client its client
     * @param listener progress
     * @return what was done
     */
    public SyncResult pull(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        try {
            List<Tag> all = client.tags().list();
            Map<Integer, List<String>> members = new HashMap<>();
            long done = 0;
            for (Tag t : all) {
                members.put(t.id(), client.tags().allUsers(t.id()).toList());
                done++;
                listener.progress(new SyncProgress(name, KIND, "members", done, all.size()));
            }
            tags.replaceAll(name, all, members);
            record(name, "ok: " + all.size() + " tags");
            return new SyncResult(KIND, all.size(), all.size(), 0, 1 + all.size());
        } catch (WeChatException e) {
            record(name, "failed: " + e.getMessage());
            throw new SyncException("tag sync of " + name + " failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * Creates a tag in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param tagName the name
     * @return the tag
     */
    public Tag create(Account account, WeChatClient client, String tagName) {
        Tag t = client.tags().create(tagName);
        tags.save(account.name(), t);
        return t;
    }

    /**
     * Renames a tag in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param id the tag id
     * @param newName the new name
     */
    public void rename(Account account, WeChatClient client, int id, String newName) {
        client.tags().update(id, newName);
        int count = tags.tags(account.name()).stream().filter(t -> t.id() == id).mapToInt(Tag::count).findFirst()
                .orElse(0);
        tags.save(account.name(), new Tag(id, newName, count));
    }

    /**
     * Deletes a tag in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param id the tag id
     */
    public void delete(Account account, WeChatClient client, int id) {
        client.tags().delete(id);
        tags.delete(account.name(), id);
    }

    /**
     * Tags users in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param id the tag id
     * @param openids the users
     */
    public void tag(Account account, WeChatClient client, int id, Collection<String> openids) {
        client.tags().tagUsers(id, openids);
        tags.changeMembers(account.name(), id, openids, true);
    }

    /**
     * Untags users in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param id the tag id
     * @param openids the users
     */
    public void untag(Account account, WeChatClient client, int id, Collection<String> openids) {
        client.tags().untagUsers(id, openids);
        tags.changeMembers(account.name(), id, openids, false);
    }

    /**
     * Sets a follower's remark in WeChat, then locally.
     *
     * @param account the account
     * @param client its client
     * @param openid the follower
     * @param remark the remark
     */
    public void remark(Account account, WeChatClient client, String openid, String remark) {
        client.users().updateRemark(openid, remark);
        WeChatUser u = users.find(account.name(), openid).orElseGet(() -> WeChatUser.of(openid, clock.instant()));
        users.saveAll(account.name(), List.of(new WeChatUser(u.openid(), u.unionid(), u.nickname(), u.avatar(), u.sex(),
                u.language(), u.city(), u.province(), u.country(), u.subscribed(), u.subscribeTime(),
                u.subscribeScene(), u.qrScene(), u.qrSceneStr(), remark, u.note(), u.tagIds(), u.firstSeen(),
                u.syncedAt())));
    }

    private void record(String account, String result) {
        states.put(new SyncState(account, KIND, null, "done", 0, 0, result, clock.instant()));
    }
}
