package org.wechatmp.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.spi.InMemoryMenuRepository;

/**
 * The shared recorder (phases, rates from an injected clock, cancellation, failures recorded FAILED without secrets)
 * and the menu and auto-reply imports refusing short or malformed answers, over WireMock.
 */
class SyncRecordingTest {
    static final Account ACCOUNT = Account.of("demo", "wx1", "s", "t");

    /** A clock the test moves; no wall-clock time is involved. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    WireMockServer wm;
    InMemorySyncStateStore states = new InMemorySyncStateStore();
    InMemoryMenuRepository menus = new InMemoryMenuRepository();
    InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    InMemoryMaterialRepository materials = new InMemoryMaterialRepository();

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        stubHealthy();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    static String fixture(String name) {
        try (InputStream in = SyncRecordingTest.class.getResourceAsStream("/vectors/fixtures/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void stubHealthy() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_selfmenu_info")).atPriority(5).willReturn(okJson(
                fixture("get_current_selfmenu_info"))));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).atPriority(5).willReturn(okJson("{\"menu\":{\"button\":"
                + "[]},\"conditionalmenu\":[{\"button\":[{\"type\":\"click\",\"name\":\"vip\",\"key\":\"V\"}],"
                + "\"matchrule\":{\"tag_id\":\"2\"},\"menuid\":\"208379533\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")).atPriority(5).willReturn(okJson(
                fixture("get_current_autoreply_info"))));
    }

    WeChatClient client(Duration readTimeout) {
        return WeChatClient.builder("wx1", "s").baseUrl(wm.baseUrl()).tokenStore(new InMemoryTokenStore())
                .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ofSeconds(5)))
                .httpClient(new OkHttpClient.Builder().readTimeout(readTimeout).build()).build();
    }

    static List<MappingBuilder> faults(MappingBuilder call, String... malformed) {
        List<MappingBuilder> out = new ArrayList<>();
        for (String body : malformed) {
            out.add(call.atPriority(1).willReturn(okJson(body)));
        }
        out.add(call.atPriority(1).willReturn(aResponse().withStatus(500)));
        out.add(call.atPriority(1).willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")));
        out.add(call.atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // the client gives up after 1 s; the answer would come after 4 s
        out.add(call.atPriority(1).willReturn(okJson("{}").withFixedDelay(4_000)));
        return out;
    }

    void removeFaults() {
        wm.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1).toList()
                .forEach(wm::removeStub);
    }

    @Test
    void theRecorderRecordsEachPhaseWithARateFromTheInjectedClock() {
        ManualClock clock = new ManualClock();
        List<SyncProgress> events = new ArrayList<>();
        SyncRecorder rec = SyncRecorder.start(states, clock, "demo", "followers", null, events::add);
        assertThat(states.get("demo", "followers").orElseThrow().phase()).isEqualTo(SyncPhase.STARTED);
        rec.total(1000);
        clock.now = clock.now.plusSeconds(4);
        rec.page("stored", 200, "o199");
        SyncState running = states.get("demo", "followers").orElseThrow();
        assertThat(running.phase()).isEqualTo(SyncPhase.RUNNING);
        assertThat(running.cursor()).isEqualTo("o199");
        assertThat(running.done()).isEqualTo(200);
        assertThat(running.updatedAt()).isEqualTo(clock.now);
        assertThat(events).last().isEqualTo(new SyncProgress("demo", "followers", SyncPhase.RUNNING, "stored", 200,
                1000, 50.0));
        clock.now = clock.now.plusSeconds(6);
        SyncResult r = rec.done(1000, 1000, 3, "1000 synced, 3 unsubscribed");
        assertThat(r).isEqualTo(new SyncResult("followers", SyncPhase.DONE, 1000, 1000, 3, 0));
        assertThat(events).last().satisfies(p -> {
            assertThat(p.phase()).isEqualTo(SyncPhase.DONE);
            assertThat(p.ratePerSecond()).isEqualTo(100.0);
        });
        assertThat(states.get("demo", "followers").orElseThrow().lastResult()).isEqualTo(
                "ok: 1000 synced, 3 unsubscribed");
        assertThat(events.get(0).phase()).isEqualTo(SyncPhase.STARTED);
        assertThat(events.get(0).ratePerSecond()).isZero();
    }

    @Test
    void aFailureIsRecordedFailedWithoutSecretsAndACancellationCancelled() {
        SyncRecorder rec = SyncRecorder.start(states, Clock.systemUTC(), "demo", "tags", "c1", SyncListener.NONE);
        RuntimeException thrown = rec.failed(new WeChatException("GET /cgi-bin/tags/get?access_token=SECRET123 "
                + "failed, {\"secret\":\"abc\"}"));
        assertThat(thrown).isInstanceOfSatisfying(SyncException.class, e -> {
            assertThat(e.phase()).isEqualTo(SyncPhase.FAILED);
            assertThat(e.cursor()).isEqualTo("c1");
            assertThat(e.getMessage()).doesNotContain("SECRET123").doesNotContain("abc");
        });
        SyncState failed = states.get("demo", "tags").orElseThrow();
        assertThat(failed.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(failed.lastResult()).startsWith("failed: ").doesNotContain("SECRET123").doesNotContain("abc");

        AtomicBoolean stop = new AtomicBoolean();
        SyncRecorder cancellable = SyncRecorder.start(states, Clock.systemUTC(), "demo", "tags", null,
                SyncListener.cancellable(SyncListener.NONE, stop::get));
        cancellable.page("members", 5, "o5");
        cancellable.checkStop();
        stop.set(true);
        assertThatThrownBy(cancellable::checkStop).isInstanceOfSatisfying(SyncException.class, e -> {
            assertThat(e.cancelled()).isTrue();
            assertThat(e.cursor()).isEqualTo("o5");
            assertThat(e.result().fetched()).isEqualTo(5);
        });
        assertThat(states.get("demo", "tags").orElseThrow().phase()).isEqualTo(SyncPhase.CANCELLED);
        assertThat(states.get("demo", "tags").orElseThrow().cursor()).isEqualTo("o5");
    }

    @Test
    void storedPhaseNamesAndLegacyNamesParse() {
        for (SyncPhase p : SyncPhase.values()) {
            assertThat(SyncPhase.parse(p.name())).isEqualTo(p);
        }
        assertThat(SyncPhase.parse("done")).isEqualTo(SyncPhase.DONE);
        assertThat(SyncPhase.parse("failed")).isEqualTo(SyncPhase.FAILED);
        assertThat(SyncPhase.parse("profiles")).isEqualTo(SyncPhase.RUNNING);
        assertThat(SyncPhase.parse(null)).isEqualTo(SyncPhase.STARTED);
        assertThat(SyncPhase.DONE.finished()).isTrue();
        assertThat(SyncPhase.RUNNING.finished()).isFalse();
    }

    /** Issue 10 item 6: a failed menu import was recorded as phase "done"; a malformed answer was stored. */
    @Test
    void menuImportFailuresAreRecordedFailedAndChangeNothing() {
        MenuSync sync = new MenuSync(menus, handlers, states, Clock.systemUTC());
        List<MappingBuilder> all = new ArrayList<>(faults(get(urlPathEqualTo("/cgi-bin/get_current_selfmenu_info")),
                "{}", "{\"is_menu_open\":1}", "{\"is_menu_open\":1,\"selfmenu_info\":{\"button\":[{\"name\":\"a\","
                        + "\"sub_button\":{}}]}}", "{\"is_menu_open\":1,\"selfmenu_info\":{\"button\":[{\"name\":"
                        + "\"n\",\"type\":\"news\",\"news_info\":{\"list\":[]}}]}}"));
        all.addAll(faults(get(urlPathEqualTo("/cgi-bin/menu/get")), "{}", "{\"menu\":{\"button\":[]},"
                + "\"conditionalmenu\":[{\"button\":[]}]}"));
        for (MappingBuilder fault : all) {
            SyncResult first = sync.importMenu(ACCOUNT, client(Duration.ofSeconds(10)));
            JsonNode menu = menus.menu("demo").orElseThrow();
            List<Handler> generated = handlers.handlers("demo");
            assertThat(first.stored()).isEqualTo(7);
            wm.stubFor(fault);
            assertThatThrownBy(() -> sync.importMenu(ACCOUNT, client(Duration.ofSeconds(1)), SyncListener.NONE))
                    .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.phase())
                            .isEqualTo(SyncPhase.FAILED));
            SyncState state = states.get("demo", MenuSync.KIND).orElseThrow();
            assertThat(state.phase()).isEqualTo(SyncPhase.FAILED);
            assertThat(state.lastResult()).startsWith("failed: ");
            assertThat(menus.menu("demo")).contains(menu);
            assertThat(menus.conditionalMenus("demo")).containsOnlyKeys("208379533");
            assertThat(handlers.handlers("demo")).hasSameSizeAs(generated);
            removeFaults();
        }
        sync.importMenu(ACCOUNT, client(Duration.ofSeconds(10)));
        assertThat(states.get("demo", MenuSync.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.DONE);
    }

    /** Issue 10 item 6 and the rule: an empty or malformed auto-reply answer replaced every imported handler. */
    @Test
    void autoReplyImportFailuresAreRecordedFailedAndChangeNothing() {
        AutoReplyImport importer = new AutoReplyImport(handlers, materials, states, Clock.systemUTC());
        String fixture = fixture("get_current_autoreply_info");
        String noArticles = fixture.replaceFirst("\"news_info\"\\s*:\\s*\\{\\s*\"list\"\\s*:\\s*\\[",
                "\"news_info\": {\"list\": [], \"x\": [");
        assertThat(noArticles).isNotEqualTo(fixture);
        for (MappingBuilder fault : faults(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")), "{}",
                "{\"is_add_friend_reply_open\":1}", "{\"is_add_friend_reply_open\":1,\"is_autoreply_open\":1,"
                        + "\"keyword_autoreply_info\":{}}", noArticles)) {
            importer.run(ACCOUNT, client(Duration.ofSeconds(10)), SyncListener.NONE);
            List<Handler> imported = handlers.handlers("demo");
            assertThat(imported).isNotEmpty();
            wm.stubFor(fault);
            assertThatThrownBy(() -> importer.run(ACCOUNT, client(Duration.ofSeconds(1)), SyncListener.NONE))
                    .isInstanceOf(SyncException.class);
            SyncState state = states.get("demo", AutoReplyImport.KIND).orElseThrow();
            assertThat(state.phase()).isEqualTo(SyncPhase.FAILED);
            assertThat(state.lastResult()).startsWith("failed: ");
            assertThat(handlers.handlers("demo")).isEqualTo(imported);
            removeFaults();
        }
        importer.run(ACCOUNT, client(Duration.ofSeconds(10)), SyncListener.NONE);
        assertThat(states.get("demo", AutoReplyImport.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.DONE);
    }

    @Test
    void cleanupRefusesWhileAPrerequisiteIsIncompleteAndStopsWhenCancelled() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/del_material")).willReturn(okJson("{\"errcode\":0}")));
        for (String id : List.of("a", "b", "c")) {
            materials.save("demo", "image", new MaterialItem(id, id, 1, "", List.of()));
        }
        MaterialCleanup cleanup = new MaterialCleanup(materials, handlers, menus, states, Clock.systemUTC());
        states.put(new SyncState("demo", MenuSync.KIND, null, SyncPhase.FAILED, 0, 0, "failed: x", Instant.now()));
        assertThatThrownBy(() -> cleanup.delete(ACCOUNT, client(Duration.ofSeconds(10)), cleanup.unused("demo")))
                .isInstanceOf(SyncException.class).hasMessageContaining("menu");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/material/del_material")));
        assertThat(states.get("demo", MaterialCleanup.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.FAILED);

        states.put(new SyncState("demo", MenuSync.KIND, null, SyncPhase.DONE, 0, 0, "ok", Instant.now()));
        List<SyncProgress> events = new ArrayList<>();
        SyncListener stopAfterOne = SyncListener.cancellable(events::add, () -> events.stream()
                .anyMatch(p -> p.done() == 1));
        assertThatThrownBy(() -> cleanup.delete(ACCOUNT, client(Duration.ofSeconds(10)), List.of("a", "b", "c"),
                stopAfterOne)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.cancelled()).isTrue());
        assertThat(materials.mediaIds("demo", "image")).containsExactlyInAnyOrder("b", "c");
        assertThat(states.get("demo", MaterialCleanup.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.CANCELLED);
        assertThat(cleanup.delete(ACCOUNT, client(Duration.ofSeconds(10)), List.of("b", "c")))
                .containsExactly("b", "c");
        assertThat(states.get("demo", MaterialCleanup.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.DONE);
    }
}
