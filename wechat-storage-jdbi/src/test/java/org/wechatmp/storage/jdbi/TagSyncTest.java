package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.sync.TagSync;

/** Tags pulled from WeChat, and changes pushed to WeChat first, on every available database. */
class TagSyncTest {
    static final Account ACCOUNT = Account.of("demo", "wx_t", "s", "t");

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void pullAndPushBack(Databases.Db db) {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage s = Databases.fresh(db)) {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).willReturn(okJson(
                    "{\"tags\":[{\"id\":2,\"name\":\"星标组\",\"count\":2},{\"id\":100,\"name\":\"广东\",\"count\":0}]}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).withRequestBody(matchingJsonPath("$.tagid",
                    equalTo("2"))).willReturn(okJson("{\"count\":2,\"data\":{\"openid\":[\"o1\",\"o2\"]},"
                    + "\"next_openid\":\"\"}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).withRequestBody(matchingJsonPath("$.tagid",
                    equalTo("100"))).willReturn(okJson("{\"count\":0,\"next_openid\":\"\"}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).willReturn(okJson(
                    "{\"tag\":{\"id\":101,\"name\":\"新\"}}")));
            for (String p : List.of("update", "delete", "members/batchtagging", "members/batchuntagging")) {
                wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/" + p)).willReturn(okJson("{\"errcode\":0}")));
            }
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/updateremark")).willReturn(okJson("{\"errcode\":0}")));
            WeChatClient client = WeChatClient.builder("wx_t", "s").baseUrl(wm.baseUrl())
                    .tokenStore(new InMemoryTokenStore()).retryPolicy(RetryPolicy.none()).build();
            TagSync sync = new TagSync(s.tags(), s.users(), s.syncStates(), Clock.systemUTC());

            sync.pull(ACCOUNT, client, p -> { });
            assertThat(s.tags().tags("demo")).extracting(Tag::name).containsExactly("星标组", "广东");
            assertThat(s.tags().members("demo", 2)).containsExactlyInAnyOrder("o1", "o2");

            Tag created = sync.create(ACCOUNT, client, "新");
            assertThat(s.tags().tags("demo")).contains(created);
            sync.rename(ACCOUNT, client, 101, "改名");
            sync.tag(ACCOUNT, client, 101, List.of("o3", "o4"));
            sync.untag(ACCOUNT, client, 101, List.of("o3"));
            assertThat(s.tags().members("demo", 101)).containsExactly("o4");
            assertThat(s.tags().tags("demo")).extracting(Tag::name).contains("改名");
            sync.delete(ACCOUNT, client, 100);
            assertThat(s.tags().tags("demo")).extracting(Tag::id).doesNotContain(100);
            sync.remark(ACCOUNT, client, "o1", "老客户");
            assertThat(s.users().find("demo", "o1").orElseThrow().remark()).isEqualTo("老客户");

            // templates: a re-sync drops the removed one and keeps the rest
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/template/get_all_private_template")).willReturn(okJson(
                    "{\"template_list\":[{\"template_id\":\"T1\",\"title\":\"订单\"},{\"template_id\":\"T2\","
                            + "\"title\":\"物流\"}]}")));
            var templates = new org.wechatmp.core.sync.TemplateSync(s.templates(), s.syncStates(), Clock.systemUTC());
            templates.run(ACCOUNT, client, p -> { });
            assertThat(s.templates().templates("demo")).extracting(t -> t.title()).containsExactly("订单", "物流");
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/template/get_all_private_template")).willReturn(okJson(
                    "{\"template_list\":[{\"template_id\":\"T2\",\"title\":\"物流2\"}]}")));
            templates.run(ACCOUNT, client, p -> { });
            assertThat(s.templates().templates("demo")).extracting(t -> t.title()).containsExactly("物流2");

            // WeChat first: a refused change leaves the database alone
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/delete")).willReturn(okJson(
                    "{\"errcode\":45058,\"errmsg\":\"can't modify sys tag\"}")));
            assertThatThrownBy(() -> sync.delete(ACCOUNT, client, 2)).isInstanceOf(WeChatApiException.class);
            assertThat(s.tags().tags("demo")).extracting(Tag::id).contains(2);
        } finally {
            wm.stop();
        }
    }

    static final String TAGS = "{\"tags\":[{\"id\":2,\"name\":\"星标组\",\"count\":3},{\"id\":100,\"name\":\"广东\","
            + "\"count\":0}]}";

    /** Tag 2 has o1, o2 (page 1) and o3 (page 2); tag 100 is empty. */
    static void stubTags(WireMockServer wm) {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).atPriority(5).willReturn(okJson(TAGS)));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).atPriority(5).withRequestBody(matchingJsonPath(
                "$.tagid", equalTo("2"))).willReturn(okJson("{\"count\":2,\"data\":{\"openid\":[\"o1\",\"o2\"]},"
                + "\"next_openid\":\"o2\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).atPriority(4).withRequestBody(matchingJsonPath(
                "$.next_openid", equalTo("o2"))).willReturn(okJson("{\"count\":1,\"data\":{\"openid\":[\"o3\"]},"
                + "\"next_openid\":\"o3\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).atPriority(5).withRequestBody(matchingJsonPath(
                "$.tagid", equalTo("100"))).willReturn(okJson("{\"count\":0,\"next_openid\":\"\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/template/get_all_private_template")).atPriority(5).willReturn(okJson(
                "{\"template_list\":[{\"template_id\":\"T1\",\"title\":\"订单\"},{\"template_id\":\"T2\","
                        + "\"title\":\"物流\"}]}")));
    }

    static void assertRemoteTags(JdbiStorage s) {
        assertThat(s.tags().tags("demo")).extracting(Tag::id, Tag::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "星标组"), org.assertj.core.groups.Tuple.tuple(100, "广东"));
        assertThat(s.tags().members("demo", 2)).containsExactlyInAnyOrder("o1", "o2", "o3");
        assertThat(s.tags().members("demo", 100)).isEmpty();
        assertThat(s.templates().templates("demo")).extracting(t -> t.templateId()).containsExactly("T1", "T2");
    }

    static WeChatClient client(WireMockServer wm, java.time.Duration readTimeout, RetryPolicy retry) {
        return WeChatClient.builder("wx_t", "s").baseUrl(wm.baseUrl()).tokenStore(new InMemoryTokenStore())
                .retryPolicy(retry).httpClient(new okhttp3.OkHttpClient.Builder().readTimeout(readTimeout).build())
                .build();
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder memberPage2() {
        return post(urlPathEqualTo("/cgi-bin/user/tag/get")).atPriority(1).withRequestBody(matchingJsonPath(
                "$.next_openid", equalTo("o2")));
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder templates() {
        return get(urlPathEqualTo("/cgi-bin/template/get_all_private_template")).atPriority(1);
    }

    /**
     * Tags and templates: an empty, short, inconsistent or failing answer changes nothing stored and records FAILED;
     * a re-run ends with exactly the remote tags, members and templates.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void shortMalformedOrFailedAnswersChangeNothing(Databases.Db db) {
        List<com.github.tomakehurst.wiremock.client.MappingBuilder> tagFaults = List.of(
                get(urlPathEqualTo("/cgi-bin/tags/get")).atPriority(1).willReturn(okJson("{}")),
                get(urlPathEqualTo("/cgi-bin/tags/get")).atPriority(1).willReturn(okJson("{\"tags\":[{\"id\":2}]}")),
                memberPage2().willReturn(okJson("{}")),
                // count 1, no openid
                memberPage2().willReturn(okJson("{\"count\":1,\"data\":{\"openid\":[]},\"next_openid\":\"\"}")),
                // the listing ends after 2 of the 3 members tags/get promised
                memberPage2().willReturn(okJson("{\"count\":0,\"next_openid\":\"\"}")),
                memberPage2().willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)),
                memberPage2().willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")),
                // the client gives up after 1 s; the answer would come after 4 s
                memberPage2().willReturn(okJson("{\"count\":1,\"data\":{\"openid\":[\"o3\"]},\"next_openid\":"
                        + "\"o3\"}").withFixedDelay(4_000)),
                memberPage2().willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        List<com.github.tomakehurst.wiremock.client.MappingBuilder> templateFaults = List.of(
                templates().willReturn(okJson("{}")),
                templates().willReturn(okJson("{\"template_list\":[{\"title\":\"no id\"}]}")),
                templates().willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)),
                templates().willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")),
                templates().willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage s = Databases.fresh(db)) {
            TagSync tagSync = new TagSync(s.tags(), s.users(), s.syncStates(), Clock.systemUTC());
            var templateSync = new org.wechatmp.core.sync.TemplateSync(s.templates(), s.syncStates(),
                    Clock.systemUTC());
            List<Runnable> checks = new java.util.ArrayList<>();
            for (var fault : tagFaults) {
                checks.add(() -> tagSync.pull(ACCOUNT, client(wm, java.time.Duration.ofSeconds(1), new RetryPolicy(2,
                        java.time.Duration.ZERO, java.time.Duration.ofSeconds(5))), p -> { }));
            }
            for (var fault : templateFaults) {
                checks.add(() -> templateSync.run(ACCOUNT, client(wm, java.time.Duration.ofSeconds(1),
                        new RetryPolicy(2, java.time.Duration.ZERO, java.time.Duration.ofSeconds(5))), p -> { }));
            }
            List<com.github.tomakehurst.wiremock.client.MappingBuilder> all = new java.util.ArrayList<>(tagFaults);
            all.addAll(templateFaults);
            for (int i = 0; i < all.size(); i++) {
                String kind = i < tagFaults.size() ? TagSync.KIND : org.wechatmp.core.sync.TemplateSync.KIND;
                wm.resetAll();
                stubTags(wm);
                WeChatClient healthy = client(wm, java.time.Duration.ofSeconds(10), RetryPolicy.none());
                tagSync.pull(ACCOUNT, healthy, p -> { });
                templateSync.run(ACCOUNT, healthy, p -> { });
                assertRemoteTags(s);
                wm.stubFor(all.get(i));
                assertThatThrownBy(checks.get(i)::run).as("fault %d", i).isInstanceOfSatisfying(
                        org.wechatmp.core.sync.SyncException.class, e -> assertThat(e.phase())
                                .isEqualTo(org.wechatmp.core.sync.SyncPhase.FAILED));
                assertThat(s.syncStates().get("demo", kind).orElseThrow().phase()).as("fault %d", i)
                        .isEqualTo(org.wechatmp.core.sync.SyncPhase.FAILED);
                assertRemoteTags(s);
                wm.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1).toList()
                        .forEach(wm::removeStub);
                tagSync.pull(ACCOUNT, healthy, p -> { });
                templateSync.run(ACCOUNT, healthy, p -> { });
                assertRemoteTags(s);
                assertThat(s.syncStates().get("demo", kind).orElseThrow().phase())
                        .isEqualTo(org.wechatmp.core.sync.SyncPhase.DONE);
            }
        } finally {
            wm.stop();
        }
    }
}
