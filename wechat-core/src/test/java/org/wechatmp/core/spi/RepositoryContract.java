package org.wechatmp.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogEntry.Direction;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.Template;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerQuery;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.Rule;

/**
 * The one contract every implementation of the repositories passes: the in-memory ones here, the Jdbi ones on H2,
 * PostgreSQL and MariaDB in {@code wechat-storage-jdbi}. Every read query (filters, order, paging boundaries, totals,
 * Chinese search text, 200-character openids) and every write method.
 *
 * <p>Text that is sorted is lower-case ASCII, so the order is the same under every database collation.
 */
public abstract class RepositoryContract {
    /** A set of repositories on one store, all empty for the accounts the contract uses. */
    public record Repositories(UserRepository users, TagRepository tags, MaterialRepository materials,
            MenuRepository menus, TemplateRepository templates, HandlerRepository handlers, MessageLogStore log) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final String LONG_OPENID = "o" + "x".repeat(198) + "Z";

    /** The repositories under test. */
    protected Repositories repos;

    /**
     * Opens repositories with no data.
     *
     * @return the repositories
     */
    protected abstract Repositories open();

    /** Releases what {@link #open} made (nothing by default). */
    protected void close() {
    }

    @BeforeEach
    void openRepositories() {
        repos = open();
    }

    @AfterEach
    void closeRepositories() {
        close();
    }

    // ---------------------------------------------------------------------------------------------- followers

    private static WeChatUser user(String openid, String unionid, String nickname, String remark, int sex,
            Boolean subscribed, Instant subscribeTime, String scene) {
        return new WeChatUser(openid, unionid, nickname, "http://a/" + openid.length(), sex, "zh_CN", "广州", "广东",
                "中国", subscribed, subscribeTime, scene, 0, null, remark, null, List.of(), T0, T0);
    }

    @Test
    void usersAreSavedFoundCountedAndKeepTheirLocalFields() {
        UserRepository users = repos.users();
        assertThat(users.count("c-users")).isZero();
        assertThat(users.find("c-users", LONG_OPENID)).isEmpty();
        WeChatUser longOne = new WeChatUser(LONG_OPENID, "u-long", "张三丰", "http://a", 1, "zh_CN", "广州", "广东",
                "中国", true, T0, "ADD_SCENE_QR_CODE", 7, "scene-7", "老客户", "local note", List.of(2, 100),
                T0.minusSeconds(60), T0);
        users.saveAll("c-users", List.of(longOne, user("o2", null, "li", null, 2, false, null, null)));
        assertThat(users.find("c-users", LONG_OPENID)).contains(longOne);
        assertThat(users.count("c-users")).isEqualTo(2);
        assertThat(users.count("other")).isZero();

        // a sync overwrites WeChat's fields and keeps note and first seen
        WeChatUser synced = new WeChatUser(LONG_OPENID, "u-long", "张三", "http://b", 1, "en", "深圳", "广东", "中国",
                true, T0.plusSeconds(5), "ADD_SCENE_SEARCH", 0, null, "新备注", null, List.of(2), T0.plusSeconds(99),
                T0.plusSeconds(5));
        users.save("c-users", synced);
        WeChatUser after = users.find("c-users", LONG_OPENID).orElseThrow();
        assertThat(after.nickname()).isEqualTo("张三");
        assertThat(after.remark()).isEqualTo("新备注");
        assertThat(after.tagIds()).containsExactly(2);
        assertThat(after.note()).isEqualTo("local note");
        assertThat(after.firstSeen()).isEqualTo(T0.minusSeconds(60));
        assertThat(users.count("c-users")).isEqualTo(2);
    }

    @Test
    void subscriptionsAreRecordedAndAFullSyncMarksTheMissingAsGone() {
        UserRepository users = repos.users();
        assertThat(users.recordSubscription("c-sub", LONG_OPENID, true, T0)).isTrue();
        assertThat(users.recordSubscription("c-sub", LONG_OPENID, false, T0.plusSeconds(1))).isFalse();
        assertThat(users.recordSubscription("c-sub", LONG_OPENID, true, T0.plusSeconds(2))).isFalse();
        WeChatUser u = users.find("c-sub", LONG_OPENID).orElseThrow();
        assertThat(u.subscribed()).isTrue();
        assertThat(u.subscribeTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(users.recordSubscription("c-sub", "gone", false, T0)).isFalse();
        users.recordSubscription("c-sub", "kept", true, T0);
        assertThat(users.markUnsubscribedExcept("c-sub", Set.of("kept"))).isEqualTo(1);
        assertThat(users.find("c-sub", LONG_OPENID).orElseThrow().subscribed()).isFalse();
        assertThat(users.find("c-sub", "kept").orElseThrow().subscribed()).isTrue();
    }

    /** 40 followers with every field the filters look at varied; memberships: tag 7 = every third one. */
    private List<WeChatUser> seedFollowers(String account) {
        List<WeChatUser> all = new ArrayList<>();
        String[] nicks = {"张三", "李四", "王五", "Alice", "BOB", null, "100%纯", "a_b"};
        String[] remarks = {null, "VIP客户", "", "普通", null};
        String[] scenes = {"ADD_SCENE_QR_CODE", "ADD_SCENE_SEARCH", null};
        for (int i = 0; i < 40; i++) {
            String openid = i == 13 ? LONG_OPENID : String.format("o%03d", i);
            Instant time = i % 10 == 9 ? null : T0.plusSeconds(i * 100L);
            all.add(user(openid, i == 5 ? "union-5" : null, nicks[i % nicks.length], remarks[i % remarks.length],
                    i % 3, i % 4 != 0, time, scenes[i % scenes.length]));
        }
        repos.users().saveAll(account, all);
        repos.tags().save(account, new Tag(7, "星标", 0));
        repos.tags().changeMembers(account, 7, IntStream.range(0, all.size()).filter(i -> i % 3 == 0)
                .mapToObj(i -> all.get(i).openid()).toList(), true);
        return all;
    }

    private static Set<String> expected(List<WeChatUser> all, Predicate<WeChatUser> p) {
        return all.stream().filter(p).map(WeChatUser::openid).collect(Collectors.toSet());
    }

    private Set<String> openids(String account, FollowerQuery.Builder q) {
        Page<WeChatUser> page = repos.users().query(account, q.page(PageRequest.first(1_000)).build());
        assertThat(page.totalExact()).isTrue();
        assertThat(page.total()).isEqualTo(page.items().size());
        assertThat(page.hasNext()).isFalse();
        return page.items().stream().map(WeChatUser::openid).collect(Collectors.toSet());
    }

    @Test
    void followersAreFilteredByEveryCriterion() {
        String a = "c-filter";
        List<WeChatUser> all = seedFollowers(a);
        List<String> order = all.stream().map(WeChatUser::openid).toList();
        assertThat(openids(a, FollowerQuery.builder())).hasSize(40);
        assertThat(openids(a, FollowerQuery.builder().subscribed(true)))
                .isEqualTo(expected(all, u -> Boolean.TRUE.equals(u.subscribed())));
        assertThat(openids(a, FollowerQuery.builder().subscribed(false)))
                .isEqualTo(expected(all, u -> Boolean.FALSE.equals(u.subscribed()))).hasSize(10);
        assertThat(openids(a, FollowerQuery.builder().tagId(7)))
                .isEqualTo(expected(all, u -> order.indexOf(u.openid()) % 3 == 0)).hasSize(14);
        assertThat(openids(a, FollowerQuery.builder().tagId(8))).isEmpty();
        // Chinese contains search on the nickname
        assertThat(openids(a, FollowerQuery.builder().search("张")))
                .isEqualTo(expected(all, u -> "张三".equals(u.nickname()))).hasSize(5);
        // on the remark, ignoring case
        assertThat(openids(a, FollowerQuery.builder().search("vip")))
                .isEqualTo(expected(all, u -> "VIP客户".equals(u.remark()))).hasSize(8);
        assertThat(openids(a, FollowerQuery.builder().search("bob")))
                .isEqualTo(expected(all, u -> "BOB".equals(u.nickname())));
        // two characters (too short for a trigram index), on the nickname and on the remark ignoring case
        assertThat(openids(a, FollowerQuery.builder().search("张三")))
                .isEqualTo(expected(all, u -> "张三".equals(u.nickname()))).hasSize(5);
        assertThat(openids(a, FollowerQuery.builder().search("vI")))
                .isEqualTo(expected(all, u -> "VIP客户".equals(u.remark()))).hasSize(8);
        assertThat(openids(a, FollowerQuery.builder().search("客户")))
                .isEqualTo(expected(all, u -> "VIP客户".equals(u.remark()))).hasSize(8);
        assertThat(openids(a, FollowerQuery.builder().search("三四"))).isEmpty();
        // LIKE wildcards are text
        assertThat(openids(a, FollowerQuery.builder().search("%")))
                .isEqualTo(expected(all, u -> "100%纯".equals(u.nickname()))).hasSize(5);
        assertThat(openids(a, FollowerQuery.builder().search("_")))
                .isEqualTo(expected(all, u -> "a_b".equals(u.nickname()))).hasSize(5);
        // = is an exact openid or unionid
        assertThat(openids(a, FollowerQuery.builder().search("=" + LONG_OPENID))).containsExactly(LONG_OPENID);
        assertThat(openids(a, FollowerQuery.builder().search("=union-5"))).containsExactly("o005");
        assertThat(openids(a, FollowerQuery.builder().search("=o00"))).isEmpty();
        assertThat(openids(a, FollowerQuery.builder().search("o00"))).isEmpty();
        // subscribe time: from inclusive, before exclusive
        assertThat(openids(a, FollowerQuery.builder().subscribedBetween(T0.plusSeconds(500), T0.plusSeconds(1500))))
                .isEqualTo(expected(all, u -> u.subscribeTime() != null
                        && !u.subscribeTime().isBefore(T0.plusSeconds(500))
                        && u.subscribeTime().isBefore(T0.plusSeconds(1500)))).hasSize(9);
        assertThat(openids(a, FollowerQuery.builder().scene("ADD_SCENE_SEARCH")))
                .isEqualTo(expected(all, u -> "ADD_SCENE_SEARCH".equals(u.subscribeScene())));
        assertThat(openids(a, FollowerQuery.builder().sex(2))).isEqualTo(expected(all, u -> u.sex() == 2));
        // combined
        assertThat(openids(a, FollowerQuery.builder().subscribed(true).tagId(7).sex(0).search("王")))
                .isEqualTo(expected(all, u -> Boolean.TRUE.equals(u.subscribed())
                        && order.indexOf(u.openid()) % 3 == 0 && u.sex() == 0 && "王五".equals(u.nickname())));
        // another account sees nothing
        assertThat(openids("c-other", FollowerQuery.builder())).isEmpty();
    }

    @Test
    void followersAreFilteredByNoteAndReadByOpenidKeyset() {
        String a = "c-note";
        seedFollowers(a);
        repos.users().save(a, new WeChatUser("onote", null, "有备忘", null, 0, null, null, null, null, true, T0, null, 0,
                null, null, "回访", List.of(), T0, T0));
        assertThat(openids(a, FollowerQuery.builder().hasNote(true))).containsExactly("onote");
        assertThat(openids(a, FollowerQuery.builder().hasNote(false))).hasSize(40).doesNotContain("onote");
        // a short search's total (counted in the same scan on PostgreSQL), on a page and past the end
        Page<WeChatUser> found = repos.users().query(a, FollowerQuery.builder().search("张")
                .page(PageRequest.first(2)).build());
        assertThat(found.items()).hasSize(2);
        assertThat(found.total()).isEqualTo(5);
        assertThat(found.totalExact()).isTrue();
        Page<WeChatUser> past = repos.users().query(a, FollowerQuery.builder().search("张")
                .page(PageRequest.ofPage(9, 2)).build());
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(5);
        assertThat(repos.users().query(a, FollowerQuery.builder().search("张").page(PageRequest.first(2).countUpTo(3))
                .build()).totalExact()).isFalse();
        // a tag alone is counted from its memberships, as every other filter from the rows
        Page<WeChatUser> tagged = repos.users().query(a, FollowerQuery.builder().tagId(7).page(PageRequest.first(3))
                .build());
        assertThat(tagged.items()).hasSize(3);
        assertThat(tagged.total()).isEqualTo(14);
        assertThat(tagged.totalExact()).isTrue();
        assertThat(repos.users().query(a, FollowerQuery.builder().tagId(7).page(PageRequest.first(3).countUpTo(10))
                .build()).totalExact()).isFalse();
        for (boolean desc : new boolean[] {false, true}) {
            List<String> whole = page(a, FollowerQuery.builder().sort(FollowerQuery.Sort.OPENID, desc)
                    .page(PageRequest.first(1_000)).build());
            List<String> read = new ArrayList<>();
            PageRequest r = PageRequest.first(7).countUpTo(0);
            while (true) {
                Page<WeChatUser> p = repos.users().query(a, FollowerQuery.builder().sort(FollowerQuery.Sort.OPENID,
                        desc).page(r).build());
                p.items().forEach(u -> read.add(u.openid()));
                if (!p.hasNext()) {
                    break;
                }
                String last = p.items().get(p.items().size() - 1).openid();
                if (r.cursor() != null) {
                    assertThat(p.nextCursor()).isEqualTo(last);
                }
                r = r.after(last);
            }
            assertThat(read).hasSize(41).isEqualTo(whole);
        }
    }

    private List<String> page(String account, FollowerQuery q) {
        return repos.users().query(account, q).items().stream().map(WeChatUser::openid).toList();
    }

    @Test
    void followersAreSortedWithMissingValuesLowest() {
        String a = "c-sort";
        List<WeChatUser> users = new ArrayList<>();
        users.add(user("o1", null, "carol", null, 0, true, T0.plusSeconds(30), null));
        users.add(user("o2", null, null, null, 0, true, T0.plusSeconds(10), null));
        users.add(user("o3", null, "alice", null, 0, true, null, null));
        users.add(user("o4", null, "bob", null, 0, true, T0.plusSeconds(10), null));
        users.add(user("o5", null, "alice", null, 0, true, T0.plusSeconds(20), null));
        repos.users().saveAll(a, users);
        FollowerQuery.Builder q = FollowerQuery.builder();
        assertThat(page(a, q.sort(FollowerQuery.Sort.SUBSCRIBE_TIME, true).build()))
                .containsExactly("o1", "o5", "o4", "o2", "o3");
        assertThat(page(a, q.sort(FollowerQuery.Sort.SUBSCRIBE_TIME, false).build()))
                .containsExactly("o3", "o2", "o4", "o5", "o1");
        assertThat(page(a, q.sort(FollowerQuery.Sort.NICKNAME, false).build()))
                .containsExactly("o2", "o3", "o5", "o4", "o1");
        assertThat(page(a, q.sort(FollowerQuery.Sort.NICKNAME, true).build()))
                .containsExactly("o1", "o4", "o5", "o3", "o2");
        assertThat(page(a, q.sort(FollowerQuery.Sort.OPENID, false).build()))
                .containsExactly("o1", "o2", "o3", "o4", "o5");
        assertThat(page(a, q.sort(FollowerQuery.Sort.OPENID, true).build()))
                .containsExactly("o5", "o4", "o3", "o2", "o1");
    }

    @Test
    void followerPagesHaveExactBoundariesAndTotals() {
        String a = "c-page";
        List<WeChatUser> all = seedFollowers(a);
        List<String> expectedOrder = all.stream().filter(u -> Boolean.TRUE.equals(u.subscribed()))
                .sorted(java.util.Comparator.comparing(WeChatUser::openid)).map(WeChatUser::openid).toList();
        assertThat(expectedOrder).hasSize(30);
        FollowerQuery.Builder q = FollowerQuery.builder().subscribed(true).sort(FollowerQuery.Sort.OPENID, false);
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(7);
        for (int i = 1; i <= 5; i++) {
            Page<WeChatUser> p = repos.users().query(a, q.page(request).build());
            assertThat(p.pageNumber()).isEqualTo(i);
            assertThat(p.offset()).isEqualTo((i - 1) * 7);
            assertThat(p.limit()).isEqualTo(7);
            assertThat(p.total()).isEqualTo(30);
            assertThat(p.totalExact()).isTrue();
            assertThat(p.items()).hasSize(i < 5 ? 7 : 2);
            assertThat(p.hasNext()).isEqualTo(i < 5);
            assertThat(p.nextCursor()).isNull();
            p.items().forEach(u -> seen.add(u.openid()));
            request = request.next(p);
        }
        assertThat(seen).isEqualTo(expectedOrder);
        // exactly at the end and past it
        Page<WeChatUser> exact = repos.users().query(a, q.page(PageRequest.ofPage(3, 10)).build());
        assertThat(exact.items()).hasSize(10);
        assertThat(exact.hasNext()).isFalse();
        Page<WeChatUser> past = repos.users().query(a, q.page(PageRequest.ofPage(9, 10)).build());
        assertThat(past.items()).isEmpty();
        assertThat(past.hasNext()).isFalse();
        assertThat(past.total()).isEqualTo(30);
        // bounded count: past the limit the total is the limit, flagged as not exact
        Page<WeChatUser> capped = repos.users().query(a, q.page(PageRequest.first(5).countUpTo(12)).build());
        assertThat(capped.total()).isEqualTo(12);
        assertThat(capped.totalExact()).isFalse();
        Page<WeChatUser> atLimit = repos.users().query(a, q.page(PageRequest.first(5).countUpTo(30)).build());
        assertThat(atLimit.total()).isEqualTo(30);
        assertThat(atLimit.totalExact()).isTrue();
        Page<WeChatUser> uncounted = repos.users().query(a, q.page(PageRequest.first(5).countUpTo(0)).build());
        assertThat(uncounted.total()).isEqualTo(-1);
        assertThat(uncounted.totalExact()).isFalse();
        assertThat(uncounted.items()).hasSize(5);
        assertThat(uncounted.hasNext()).isTrue();
        Page<WeChatUser> exactCount = repos.users().query(a, q.page(PageRequest.first(5).exactCount()).build());
        assertThat(exactCount.total()).isEqualTo(30);
        assertThat(exactCount.totalExact()).isTrue();
    }

    @Test
    void pageRequestsRefuseNonsense() {
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.ofPage(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.first(10).offset(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageLogQuery.builder().page(PageRequest.first(5).after("nonsense")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --------------------------------------------------------------------------------------------------- tags

    @Test
    void tagsAndMembershipsAreWrittenAndReadAndFeedTheFollowerFilter() {
        String a = "c-tags";
        TagRepository tags = repos.tags();
        tags.save(a, new Tag(101, "广东", 3));
        tags.save(a, new Tag(2, "星标组", 1));
        tags.save(a, new Tag(101, "广州", 4));
        assertThat(tags.tags(a)).containsExactly(new Tag(2, "星标组", 1), new Tag(101, "广州", 4));
        assertThat(tags.find(a, 101)).contains(new Tag(101, "广州", 4));
        assertThat(tags.find(a, 5)).isEmpty();
        repos.users().saveAll(a, List.of(user(LONG_OPENID, null, "n", null, 0, true, T0, null),
                user("o2", null, "m", null, 0, true, T0, null)));
        tags.changeMembers(a, 101, List.of(LONG_OPENID, "o2"), true);
        tags.changeMembers(a, 101, List.of(LONG_OPENID), true); // adding twice is harmless
        assertThat(tags.members(a, 101)).containsExactlyInAnyOrder(LONG_OPENID, "o2");
        assertThat(openids(a, FollowerQuery.builder().tagId(101))).containsExactlyInAnyOrder(LONG_OPENID, "o2");
        tags.changeMembers(a, 101, List.of("o2"), false);
        assertThat(tags.members(a, 101)).containsExactly(LONG_OPENID);
        assertThat(openids(a, FollowerQuery.builder().tagId(101))).containsExactly(LONG_OPENID);

        tags.delete(a, 101);
        assertThat(tags.tags(a)).extracting(Tag::id).containsExactly(2);
        assertThat(tags.members(a, 101)).isEmpty();
        assertThat(openids(a, FollowerQuery.builder().tagId(101))).isEmpty();

        tags.replaceAll(a, List.of(new Tag(3, "新", 2)), Map.of(3, List.of("o2", LONG_OPENID)));
        assertThat(tags.tags(a)).containsExactly(new Tag(3, "新", 2));
        assertThat(tags.members(a, 3)).containsExactlyInAnyOrder("o2", LONG_OPENID);
        assertThat(tags.members(a, 2)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- materials

    @Test
    void materialsArePagedByTypeNewestFirst() {
        String a = "c-materials";
        MaterialRepository m = repos.materials();
        for (int i = 0; i < 25; i++) {
            m.save(a, i % 5 == 0 ? "voice" : "image", new MaterialItem(String.format("m%02d", i), "图片" + i + ".png",
                    1_700_000_000L + (i % 12), "http://u/" + i, List.of()));
        }
        assertThat(m.find(a, "m03")).contains(new StoredMaterial("m03", "image", "图片3.png", "http://u/3",
                1_700_000_003L));
        assertThat(m.find(a, "nope")).isEmpty();
        assertThat(m.mediaIds(a, "voice")).containsExactlyInAnyOrder("m00", "m05", "m10", "m15", "m20");

        List<String> all = new ArrayList<>();
        PageRequest r = PageRequest.first(6);
        Page<StoredMaterial> p;
        do {
            p = m.query(a, "image", r);
            assertThat(p.total()).isEqualTo(20);
            p.items().forEach(x -> all.add(x.mediaId()));
            r = r.next(p);
        } while (p.hasNext());
        List<String> expected = IntStream.range(0, 25).filter(i -> i % 5 != 0).boxed()
                .sorted(java.util.Comparator.<Integer>comparingInt(i -> i % 12).thenComparing(i -> i).reversed())
                .map(i -> String.format("m%02d", i)).toList();
        assertThat(all).isEqualTo(expected);
        assertThat(m.query(a, null, PageRequest.first(100)).total()).isEqualTo(25);
        assertThat(m.query(a, "video", PageRequest.first(10)).items()).isEmpty();

        List<NewsArticle> articles = List.of(new NewsArticle("标题", "th", "http://t", 1, "作者", "摘要", "<p>正文</p>",
                "http://u", "", 0, 1), new NewsArticle("二", "th2", "", 0, "", "", "c", "", "", 1, 0));
        m.saveArticles(a, "N1", articles);
        assertThat(m.articles(a, "N1")).isEqualTo(articles);
        assertThat(m.find(a, "N1")).hasValueSatisfying(x -> assertThat(x.type()).isEqualTo("news"));
        m.save(a, "news", new MaterialItem("N1", "", 1_800_000_000L, "", articles.subList(1, 2)));
        assertThat(m.articles(a, "N1")).containsExactly(articles.get(1));
        assertThat(m.query(a, "news", PageRequest.first(5)).items()).extracting(StoredMaterial::updateTime)
                .containsExactly(1_800_000_000L);
        m.delete(a, "N1");
        assertThat(m.find(a, "N1")).isEmpty();
        assertThat(m.articles(a, "N1")).isEmpty();
        assertThat(m.mediaIds(a, "news")).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------- menus

    @Test
    void menusConditionalMenusAndThePublishedHistory() throws Exception {
        String a = "c-menus";
        MenuRepository menus = repos.menus();
        assertThat(menus.menu(a)).isEmpty();
        assertThat(menus.published(a)).isEmpty();
        assertThat(menus.publishedHistory(a, PageRequest.first(5)).items()).isEmpty();
        JsonNode first = JSON.readTree("{\"button\":[{\"name\":\"菜单\",\"type\":\"click\",\"key\":\"K\"}]}");
        // publishing with no stored menu stores it
        menus.recordPublished(a, first);
        assertThat(menus.menu(a)).contains(first);
        JsonNode[] versions = new JsonNode[5];
        for (int i = 0; i < 5; i++) {
            versions[i] = JSON.readTree("{\"button\":[{\"name\":\"v" + i + "\",\"type\":\"click\",\"key\":\"K\"}]}");
            menus.save(a, versions[i]);
            menus.recordPublished(a, versions[i]);
        }
        assertThat(menus.menu(a)).contains(versions[4]);
        assertThat(menus.published(a)).contains(versions[4]);
        Page<PublishedMenu> newest = menus.publishedHistory(a, PageRequest.first(4));
        assertThat(newest.total()).isEqualTo(6);
        assertThat(newest.hasNext()).isTrue();
        assertThat(newest.items()).extracting(PublishedMenu::menu)
                .containsExactly(versions[4], versions[3], versions[2], versions[1]);
        assertThat(newest.items().get(0).id()).isGreaterThan(newest.items().get(1).id());
        Page<PublishedMenu> oldest = menus.publishedHistory(a, PageRequest.first(4).next(newest));
        assertThat(oldest.items()).extracting(PublishedMenu::menu).containsExactly(versions[0], first);
        assertThat(oldest.hasNext()).isFalse();
        assertThat(menus.publishedHistory("other", PageRequest.first(4)).total()).isZero();

        JsonNode cond = JSON.readTree("{\"button\":[{\"name\":\"条件\",\"type\":\"click\",\"key\":\"C\"}],"
                + "\"matchrule\":{\"tag_id\":\"2\"}}");
        menus.replaceConditionalMenus(a, Map.of("1", cond, "2", cond));
        menus.replaceConditionalMenus(a, Map.of("3", cond, "2", cond));
        assertThat(menus.conditionalMenus(a)).containsOnlyKeys("2", "3");
        assertThat(menus.conditionalMenus(a).keySet()).containsExactly("2", "3");
        assertThat(menus.conditionalMenus(a).get("3")).isEqualTo(cond);
        assertThat(menus.menu(a)).contains(versions[4]);
    }

    // ---------------------------------------------------------------------------------------------- templates

    @Test
    void templatesAreListedFoundReplacedAndDeleted() {
        String a = "c-templates";
        TemplateRepository t = repos.templates();
        Template order = new Template("tpl-b", "订单", "IT", "互联网", "{{first.DATA}}", "例子");
        Template ship = new Template("tpl-a", "物流", "IT", "互联网", "{{k.DATA}}", "");
        t.replaceAll(a, List.of(order, ship));
        assertThat(t.templates(a)).containsExactly(ship, order);
        assertThat(t.find(a, "tpl-b")).contains(order);
        assertThat(t.find(a, "tpl-x")).isEmpty();
        Template order2 = new Template("tpl-b", "订单2", "IT", "互联网", "{{first.DATA}}", "例子");
        t.replaceAll(a, List.of(order2));
        assertThat(t.templates(a)).containsExactly(order2);
        t.delete(a, "tpl-b");
        assertThat(t.templates(a)).isEmpty();
        assertThat(t.templates("other")).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------- handlers

    @Test
    void handlersAreSavedInPlaceFoundAndDeletedWithTheVersionMoving() {
        String a = "c-handlers";
        HandlerRepository repo = repos.handlers();
        long v0 = repo.version(a);
        Handler h = Handler.builder("全部").weight(5).createdAt(T0).rule(Rule.contains("你好"))
                .reply(HandlerReply.text("文本")).build();
        Handler stored = repo.save(a, h);
        assertThat(stored.id()).isPositive();
        assertThat(stored.toBuilder().id(0).build()).isEqualTo(h);
        long v1 = repo.version(a);
        assertThat(v1).isNotEqualTo(v0);
        assertThat(repo.find(a, stored.id())).contains(stored);
        assertThat(repo.find("other", stored.id())).isEmpty();

        Handler changed = repo.save(a, stored.toBuilder().weight(9).rule(Rule.event("subscribe")).build());
        assertThat(changed.id()).isEqualTo(stored.id());
        assertThat(repo.find(a, stored.id())).contains(changed);
        assertThat(repo.handlers(a)).containsExactly(changed);

        Handler unstamped = repo.save(a, Handler.builder("新").rule(Rule.all()).build());
        assertThat(unstamped.createdAt()).isAfter(Instant.EPOCH);
        assertThat(repo.find(a, unstamped.id())).contains(unstamped);

        assertThat(repo.delete(a, changed.id())).isTrue();
        assertThat(repo.delete(a, changed.id())).isFalse();
        assertThat(repo.handlers(a)).containsExactly(unstamped);

        repo.replaceSource(a, Handler.Source.IMPORTED, List.of(h, h));
        repo.replaceSource(a, Handler.Source.IMPORTED, List.of(h));
        assertThat(repo.handlers(a)).extracting(Handler::name).containsExactlyInAnyOrder("新", "全部");
        assertThat(repo.handlers(a)).filteredOn(x -> x.name().equals("全部")).singleElement()
                .satisfies(x -> assertThat(x.source()).isEqualTo(Handler.Source.IMPORTED));
    }

    @Test
    void handlersAreQueriedBySourceEnabledRuleTypeAndTextInTheEngineOrder() {
        String a = "c-hquery";
        HandlerRepository repo = repos.handlers();
        List<Handler> saved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Handler.Builder b = Handler.builder(i == 4 ? "欢迎关注" : "handler" + i).weight(i % 3)
                    .createdAt(T0.plusSeconds(i)).enabled(i % 4 != 0)
                    .source(i < 6 ? Handler.Source.SELF : i < 9 ? Handler.Source.MENU : Handler.Source.IMPORTED);
            b.rule(i % 2 == 0 ? Rule.contains("关键词" + i) : Rule.event("CLICK"));
            if (i == 7) {
                b.rule(Rule.eventKey("CLICK", "MENU_KEY_优惠"));
            }
            b.reply(HandlerReply.text(i == 9 ? "今天有Special优惠" : "回复" + i));
            saved.add(repo.save(a, b.build()));
        }
        List<Handler> engineOrder = saved.stream().sorted(Handler.ORDER).toList();

        Page<Handler> first = repo.query(a, HandlerQuery.builder().page(PageRequest.first(5)).build());
        assertThat(first.items()).isEqualTo(engineOrder.subList(0, 5));
        assertThat(first.total()).isEqualTo(12);
        assertThat(first.hasNext()).isTrue();
        Page<Handler> last = repo.query(a, HandlerQuery.builder().page(PageRequest.ofPage(3, 5)).build());
        assertThat(last.items()).isEqualTo(engineOrder.subList(10, 12));
        assertThat(last.hasNext()).isFalse();

        assertThat(names(a, HandlerQuery.builder().source(Handler.Source.MENU)))
                .containsExactlyInAnyOrder("handler6", "handler7", "handler8");
        assertThat(names(a, HandlerQuery.builder().enabled(false)))
                .containsExactlyInAnyOrder("handler0", "欢迎关注", "handler8");
        assertThat(names(a, HandlerQuery.builder().ruleType(Rule.Type.EVENT_KEY))).containsExactly("handler7");
        assertThat(names(a, HandlerQuery.builder().ruleType(Rule.Type.CONTAINS))).hasSize(6);
        // text in the name, in a rule value or key, in a reply's content; ignoring case
        assertThat(names(a, HandlerQuery.builder().search("欢迎"))).containsExactly("欢迎关注");
        assertThat(names(a, HandlerQuery.builder().search("关键词1"))).containsExactlyInAnyOrder("handler10");
        assertThat(names(a, HandlerQuery.builder().search("优惠"))).containsExactlyInAnyOrder("handler7", "handler9");
        assertThat(names(a, HandlerQuery.builder().search("special"))).containsExactly("handler9");
        assertThat(names(a, HandlerQuery.builder().search("HANDLER1")))
                .containsExactlyInAnyOrder("handler1", "handler10", "handler11");
        assertThat(names(a, HandlerQuery.builder().search("%"))).isEmpty();
        assertThat(names(a, HandlerQuery.builder().source(Handler.Source.SELF).enabled(true)
                .ruleType(Rule.Type.EVENT))).containsExactlyInAnyOrder("handler1", "handler3", "handler5");
        assertThat(names("other", HandlerQuery.builder())).isEmpty();
    }

    private List<String> names(String account, HandlerQuery.Builder q) {
        Page<Handler> p = repos.handlers().query(account, q.page(PageRequest.first(100)).build());
        assertThat(p.total()).isEqualTo(p.items().size());
        assertThat(p.items()).isSortedAccordingTo(Handler.ORDER);
        return p.items().stream().map(Handler::name).toList();
    }

    // -------------------------------------------------------------------------------------------- message log

    private static MessageLogEntry line(String account, Direction d, long msgId, String openid, String type,
            String event, String handler, String xml, Instant at) {
        return new MessageLogEntry(account, d, msgId, openid, type, event, handler, xml, at);
    }

    /** 60 lines: 3 users, both directions, text/event, two handlers, times with ties (every 2 share a second). */
    private List<MessageLogEntry> seedLog(String account) {
        List<MessageLogEntry> all = new ArrayList<>();
        String[] users = {LONG_OPENID, "o2", "o3"};
        for (int i = 0; i < 60; i++) {
            boolean event = i % 5 == 0;
            all.add(line(account, i % 2 == 0 ? Direction.IN : Direction.OUT, i, users[i % 3], event ? "event" : "text",
                    event ? (i % 10 == 0 ? "subscribe" : "CLICK") : "", i % 4 == 0 ? "欢迎" : "echo",
                    "<xml><Content><![CDATA[" + (i % 7 == 0 ? "你好 Hello " : "msg ") + i + "]]></Content></xml>",
                    T0.plusSeconds(i / 2)));
        }
        repos.log().append(all.subList(0, 30));
        repos.log().append(all.subList(30, 60));
        repos.log().append(List.of(line("other", Direction.IN, 1, "o2", "text", "", "", "<xml/>", T0)));
        return all;
    }

    /** Reads every page of a query, checking each page, and returns the msg ids in order. */
    private List<Long> readAll(String account, MessageLogQuery.Builder q, int pageSize) {
        List<Long> out = new ArrayList<>();
        PageRequest r = PageRequest.first(pageSize);
        Page<LoggedMessage> p;
        long total = -2;
        do {
            p = repos.log().query(account, q.page(r).build());
            assertThat(p.items().size()).isLessThanOrEqualTo(pageSize);
            if (total == -2) {
                total = p.total();
            }
            assertThat(p.total()).isEqualTo(total);
            assertThat(p.hasNext()).isEqualTo(p.nextCursor() != null);
            p.items().forEach(m -> out.add(m.entry().msgId()));
            r = r.next(p);
        } while (p.hasNext());
        assertThat(out).hasSize((int) total);
        return out;
    }

    private static List<Long> newestFirst(List<MessageLogEntry> all, Predicate<MessageLogEntry> p) {
        List<Long> ids = all.stream().filter(p).map(MessageLogEntry::msgId).collect(Collectors.toList());
        java.util.Collections.reverse(ids); // appended oldest first, so a higher msg id is newer or a later tie
        return ids;
    }

    @Test
    void theMessageLogIsFilteredAndKeysetPagedNewestFirst() {
        String a = "c-log";
        List<MessageLogEntry> all = seedLog(a);
        assertThat(readAll(a, MessageLogQuery.builder(), 7)).isEqualTo(newestFirst(all, e -> true));
        assertThat(readAll(a, MessageLogQuery.builder(), 60)).isEqualTo(newestFirst(all, e -> true));
        assertThat(readAll(a, MessageLogQuery.builder().direction(Direction.OUT), 8))
                .isEqualTo(newestFirst(all, e -> e.direction() == Direction.OUT));
        assertThat(readAll(a, MessageLogQuery.builder().msgType("event"), 5))
                .isEqualTo(newestFirst(all, e -> e.msgType().equals("event"))).hasSize(12);
        assertThat(readAll(a, MessageLogQuery.builder().event("CLICK"), 5))
                .isEqualTo(newestFirst(all, e -> e.event().equals("CLICK")));
        assertThat(readAll(a, MessageLogQuery.builder().handler("欢迎"), 4))
                .isEqualTo(newestFirst(all, e -> e.handler().equals("欢迎")));
        assertThat(readAll(a, MessageLogQuery.builder().openid(LONG_OPENID), 6))
                .isEqualTo(newestFirst(all, e -> e.openid().equals(LONG_OPENID))).hasSize(20);
        Instant from = T0.plusSeconds(5);
        Instant before = T0.plusSeconds(12);
        assertThat(readAll(a, MessageLogQuery.builder().between(from, before), 3)).isEqualTo(newestFirst(all,
                e -> !e.createdAt().isBefore(from) && e.createdAt().isBefore(before))).hasSize(14);
        assertThat(readAll(a, MessageLogQuery.builder().content("你好"), 3))
                .isEqualTo(newestFirst(all, e -> e.xml().contains("你好"))).hasSize(9);
        assertThat(readAll(a, MessageLogQuery.builder().content("hello"), 100))
                .isEqualTo(newestFirst(all, e -> e.xml().contains("Hello")));
        assertThat(readAll(a, MessageLogQuery.builder().content("%"), 100)).isEmpty();
        assertThat(readAll(a, MessageLogQuery.builder().openid("o2").direction(Direction.IN).msgType("text")
                .between(from, null), 2)).isEqualTo(newestFirst(all, e -> e.openid().equals("o2")
                        && e.direction() == Direction.IN && e.msgType().equals("text")
                        && !e.createdAt().isBefore(from)));
        assertThat(readAll("nobody", MessageLogQuery.builder(), 5)).isEmpty();

        // a line's fields come back as appended, with an id that grows
        Page<LoggedMessage> newest = repos.log().query(a, MessageLogQuery.builder().page(PageRequest.first(2)).build());
        assertThat(newest.items().get(0).entry()).isEqualTo(all.get(59));
        assertThat(newest.items().get(0).id()).isGreaterThan(newest.items().get(1).id());
        // counting stops at the count limit
        Page<LoggedMessage> capped = repos.log().query(a, MessageLogQuery.builder()
                .page(PageRequest.first(5).countUpTo(10)).build());
        assertThat(capped.total()).isEqualTo(10);
        assertThat(capped.totalExact()).isFalse();
    }

    @Test
    void aFollowersThreadIsTheirLinesNewestFirst() {
        String a = "c-thread";
        List<MessageLogEntry> all = seedLog(a);
        List<Long> ids = new ArrayList<>();
        Set<Long> distinct = new HashSet<>();
        PageRequest r = PageRequest.first(3);
        Page<LoggedMessage> p;
        do {
            p = repos.log().thread(a, "o3", r);
            p.items().forEach(m -> {
                assertThat(m.entry().openid()).isEqualTo("o3");
                ids.add(m.entry().msgId());
                distinct.add(m.id());
            });
            r = r.next(p);
        } while (p.hasNext());
        assertThat(ids).isEqualTo(newestFirst(all, e -> e.openid().equals("o3")));
        assertThat(distinct).hasSize(20);
        assertThat(repos.log().thread(a, LONG_OPENID, PageRequest.first(50)).items()).hasSize(20);
        assertThat(repos.log().thread(a, "nobody", PageRequest.first(50)).items()).isEmpty();
    }
}
