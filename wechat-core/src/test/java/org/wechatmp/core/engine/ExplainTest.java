package org.wechatmp.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import static org.wechatmp.core.engine.ReplyEngineTest.ctx;
import static org.wechatmp.core.engine.ReplyEngineTest.text;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.spi.InMemoryMaterialRepository;

/** {@link ReplyEngine#explain}: the same winner as the engine, the matched rule, and no side effects. */
class ExplainTest {
    static final Instant NOW = ReplyEngineTest.NOW;

    InMemoryHandlerRepository repo = new InMemoryHandlerRepository();
    InMemoryMaterialRepository materials = new InMemoryMaterialRepository();

    ReplyEngine engine(ReplyEngine.Builder b) {
        return b.materials(materials).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    ReplyEngine engine() {
        return engine(ReplyEngine.builder(repo));
    }

    void add(String name, Rule rule) {
        repo.save("demo", Handler.builder(name).rule(rule).reply(HandlerReply.text(name)).build());
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("org.wechatmp.core.engine.ReplyEngineTest#rules")
    void explainAgreesWithTheEngineOnEveryRuleType(Rule rule, WeChatMessage message, boolean matches) {
        add("h", rule);
        Explanation e = engine().explain(ctx(message));
        assertThat(e.matched()).isEqualTo(matches);
        if (matches) {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.candidates()).singleElement().extracting(Explanation.Candidate::verdict)
                    .isEqualTo(Explanation.Verdict.CHOSEN);
        } else {
            assertThat(e.candidates()).isEmpty();
        }
    }

    @Test
    void losersAreListedWithTheirReason() {
        repo.save("demo", Handler.builder("off").weight(9).enabled(false).rule(Rule.contains("hi"))
                .reply(HandlerReply.text("off")).build());
        repo.save("demo", Handler.builder("later").weight(8).window(NOW.plusSeconds(60), null)
                .rule(Rule.contains("hi")).reply(HandlerReply.text("later")).build());
        repo.save("demo", Handler.builder("past").weight(7).window(null, NOW).rule(Rule.contains("hi"))
                .reply(HandlerReply.text("past")).build());
        repo.save("demo", Handler.builder("winner").weight(5).rule(Rule.equalTo("nope")).rule(Rule.regex("h."))
                .reply(HandlerReply.text("one")).reply(HandlerReply.text("two")).build());
        repo.save("demo", Handler.builder("fallback").weight(0).rule(Rule.all()).reply(HandlerReply.text("f"))
                .build());
        Explanation e = engine().explain(ctx(text("hi there")));
        assertThat(e.handler().name()).isEqualTo("winner");
        assertThat(e.rule()).isEqualTo(Rule.regex("h."));
        assertThat(e.candidates()).extracting(c -> c.handler().name() + ":" + c.verdict()).containsExactly(
                "off:DISABLED", "later:NOT_STARTED", "past:ENDED", "winner:CHOSEN", "fallback:OUTRANKED");
        assertThat(e.replies()).extracting(Explanation.ReplyPreview::reply)
                .containsExactly(new TextReply("one"), new TextReply("two"));
    }

    @Test
    void forwardAndCustomRepliesAreNotRunAndNewsComesFromStorage() {
        AtomicInteger customRuns = new AtomicInteger();
        materials.saveArticles("demo", "news1", java.util.List.of(new NewsArticle("T", null, "http://c/1.jpg", 1,
                "a", "d", null, "http://u/1", "", 0, 0)));
        repo.save("demo", Handler.builder("h").rule(Rule.all()).reply(HandlerReply.forward("http://127.0.0.1:1/x"))
                .reply(HandlerReply.custom("fn")).reply(HandlerReply.news("news1")).reply(HandlerReply.news("gone"))
                .build());
        OkHttpClient failing = new OkHttpClient.Builder().addInterceptor(chain -> {
            throw new AssertionError("a preview must not send a request");
        }).build();
        ReplyEngine engine = engine(ReplyEngine.builder(repo).httpClient(failing).customReply("fn", c -> {
            customRuns.incrementAndGet();
            return "ran";
        }));
        Explanation e = engine.explain(ctx(text("x")));
        assertThat(e.replies()).hasSize(4);
        assertThat(e.replies().get(0).problem()).isEqualTo(Explanation.ReplyPreview.NOT_RUN);
        assertThat(e.replies().get(1).problem()).isEqualTo(Explanation.ReplyPreview.NOT_RUN);
        assertThat(e.replies().get(2).reply()).isInstanceOf(NewsReply.class);
        assertThat(e.replies().get(3).reply()).isNull();
        assertThat(e.replies().get(3).problem()).contains("gone");
        assertThat(customRuns).hasValue(0);
    }

    @Test
    void strategyNoneHasNoRepliesAndRegisteredNamesAreListed() {
        repo.save("demo", Handler.builder("quiet").strategy(Handler.Strategy.NONE).rule(Rule.all())
                .reply(HandlerReply.text("x")).build());
        ReplyEngine engine = engine(ReplyEngine.builder(repo).customRule("b", c -> true).customRule("a", c -> true)
                .customReply("z", c -> null));
        Explanation e = engine.explain(ctx(text("x")));
        assertThat(e.handler().name()).isEqualTo("quiet");
        assertThat(e.replies()).isEmpty();
        assertThat(engine.customRuleNames()).containsExactly("a", "b");
        assertThat(engine.customReplyNames()).containsExactly("z");
    }
}
