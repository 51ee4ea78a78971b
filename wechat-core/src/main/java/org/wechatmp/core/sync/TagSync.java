package org.wechatmp.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wechatmp.core.Account;
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
     * Copies every tag and its members from WeChat. {@code tags/get} must answer a {@code tags} list whose entries
     * carry id, name and count, and each tag's member listing must send exactly {@code count} openids per page and
     * add up to the tag's count; otherwise the run stops with a {@link SyncException} (recorded
     * {@link SyncPhase#FAILED}) and the stored tags stay as they were.
     *
     * @param account the account
     * @param client its client
     * @param listener progress and cancellation (asked between tags and member pages)
     * @return what was done
     * @throws SyncException when WeChat fails, answers short or malformed, or the run is cancelled
     */
    public SyncResult pull(Account account, WeChatClient client, SyncListener listener) {
        String name = account.name();
        SyncRecorder rec = SyncRecorder.start(states, clock, name, KIND, null, listener);
        try {
            JsonNode json = client.get("/cgi-bin/tags/get", null);
            rec.call();
            List<Tag> all = new ArrayList<>();
            for (JsonNode t : Answers.array(json, "tags", "tags/get")) {
                all.add(new Tag(Math.toIntExact(Answers.number(t, "id", "tags/get")), Answers.text(t, "name",
                        "tags/get"), Math.toIntExact(Answers.number(t, "count", "tags/get"))));
            }
            rec.total(all.size());
            Map<Integer, List<String>> members = new HashMap<>();
            long done = 0;
            for (Tag t : all) {
                members.put(t.id(), members(client, rec, t));
                done++;
                rec.tick("members", done);
            }
            tags.replaceAll(name, all, members);
            return rec.done(all.size(), all.size(), 0, all.size() + " tags");
        } catch (RuntimeException e) {
            throw rec.failed(e);
        }
    }

    private static List<String> members(WeChatClient client, SyncRecorder rec, Tag tag) {
        String where = "user/tag/get(" + tag.id() + ")";
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        while (true) {
            rec.checkStop();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tagid", tag.id());
            if (cursor != null) {
                body.put("next_openid", cursor);
            }
            Answers.OpenidPage page = Answers.OpenidPage.read(client.post("/cgi-bin/user/tag/get", body), false,
                    where);
            rec.call();
            if (page.openids().isEmpty()) {
                break;
            }
            if (cursor != null && page.next().equals(cursor)) {
                throw SyncRecorder.incomplete(where + " did not advance past next_openid " + cursor);
            }
            ids.addAll(page.openids());
            if (page.next().isEmpty() || ids.size() >= tag.count()) {
                break;
            }
            cursor = page.next();
        }
        if (ids.size() != tag.count()) {
            throw SyncRecorder.incomplete(where + " listed " + ids.size() + " members but tags/get said "
                    + tag.count());
        }
        return new ArrayList<>(ids);
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
}
