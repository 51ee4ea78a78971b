package org.wechatmp.examples.wechatdouble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the double remembers about generated followers between calls, like WeChat would: tags and their members,
 * remarks, the blacklist and avatar URLs. The tag and blacklist methods are synchronized (the double answers on
 * several threads).
 */
final class FollowerBook {
    /** WeChat's system tags (0 blacklist, 1 and 2 star groups): not renamed or deleted (45058). */
    static final Set<Integer> SYSTEM = Set.of(0, 1, 2);
    private final Map<Integer, String> tags = new TreeMap<>();
    private final Map<Integer, Set<String>> members = new TreeMap<>();
    private final Map<String, String> remarks = new ConcurrentHashMap<>();
    private final Map<String, String> avatars = new ConcurrentHashMap<>();
    private final Set<String> blacklist = new LinkedHashSet<>();
    private int nextTagId = 101;
    private volatile String avatarBase = "";

    FollowerBook() {
        tags.put(2, "星标组");
        tags.put(100, "demo");
        members.put(2, new LinkedHashSet<>());
        members.put(100, new LinkedHashSet<>(List.of(Followers.openid(0), Followers.openid(1))));
    }

    void avatarBase(String base) {
        avatarBase = base;
    }

    /** The avatar URL of a generated follower: on the double's own host unless one was set. */
    String avatar(String openid) {
        String set = avatars.get(openid);
        return set != null ? set : avatarBase + "/mmopen/vi_32/" + openid + "/132";
    }

    void avatar(String openid, String url) {
        avatars.put(openid, url);
    }

    String remark(String openid) {
        return remarks.getOrDefault(openid, "");
    }

    void remark(String openid, String remark) {
        remarks.put(openid, remark);
    }

    synchronized Map<Integer, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    synchronized int count(int tagId) {
        return members.getOrDefault(tagId, Set.of()).size();
    }

    synchronized boolean hasTag(int id) {
        return tags.containsKey(id);
    }

    synchronized boolean hasTagNamed(String name) {
        return tags.containsValue(name);
    }

    synchronized int create(String name) {
        int id = nextTagId++;
        tags.put(id, name);
        members.put(id, new LinkedHashSet<>());
        return id;
    }

    synchronized void rename(int id, String name) {
        tags.put(id, name);
    }

    synchronized void delete(int id) {
        tags.remove(id);
        members.remove(id);
    }

    synchronized void tag(int id, List<String> openids, boolean add) {
        Set<String> m = members.computeIfAbsent(id, k -> new LinkedHashSet<>());
        if (add) {
            m.addAll(openids);
        } else {
            openids.forEach(m::remove);
        }
    }

    synchronized List<String> members(int id) {
        return new ArrayList<>(members.getOrDefault(id, Set.of()));
    }

    synchronized List<Integer> tagsOf(String openid) {
        List<Integer> out = new ArrayList<>();
        members.forEach((id, m) -> {
            if (m.contains(openid)) {
                out.add(id);
            }
        });
        return out;
    }

    synchronized List<String> blacklist() {
        return new ArrayList<>(blacklist);
    }

    synchronized void blacklist(List<String> openids, boolean add) {
        if (add) {
            blacklist.addAll(openids);
        } else {
            openids.forEach(blacklist::remove);
        }
    }
}
