package org.wechatmp.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.WeChatMessage;
import org.wechatmp.core.reply.EmptyReply;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.reply.TransferCustomerServiceReply;
import org.wechatmp.core.spi.InMemoryMaterialRepository;

class ReplyEngineTest {
    static final Account ACCOUNT = Account.of("demo", "wx1", "s", "t");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    InMemoryHandlerRepository repo = new InMemoryHandlerRepository();
    InMemoryMaterialRepository materials = new InMemoryMaterialRepository();

    ReplyEngine engine(ReplyEngine.Builder b) {
        return b.materials(materials).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    ReplyEngine engine() {
        return engine(ReplyEngine.builder(repo));
    }

    static WeChatMessage text(String content) {
        return MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>1</MsgId></xml>");
    }

    static WeChatMessage event(String event, String key) {
        return MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>" + event + "</Event><EventKey><![CDATA["
                + key + "]]></EventKey></xml>");
    }

    static WeChatMessage image() {
        return MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName>"
                + "<MsgType>image</MsgType><MediaId>m</MediaId><MsgId>2</MsgId></xml>");
    }

    static MessageContext ctx(WeChatMessage m) {
        return new MessageContext(ACCOUNT, m, null, null, new byte[0], java.util.Map.of());
    }

    Handler add(String name, Rule rule) {
        return repo.save("demo", Handler.builder(name).rule(rule).reply(HandlerReply.text(name)).build());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(Rule.all(), text("anything"), true),
                Arguments.of(Rule.all(), event("CLICK", "k"), true),
                Arguments.of(Rule.msgType("text"), text("x"), true),
                Arguments.of(Rule.msgType("TEXT"), text("x"), true),
                Arguments.of(Rule.msgType("image"), text("x"), false),
                Arguments.of(Rule.msgType("image"), image(), true),
                Arguments.of(Rule.msgType("event"), event("CLICK", "k"), true),
                Arguments.of(Rule.event("click"), event("CLICK", "k"), true),
                Arguments.of(Rule.event("CLICK"), event("click", "k"), true),
                Arguments.of(Rule.event("view"), event("CLICK", "k"), false),
                Arguments.of(Rule.event("subscribe"), event("subscribe", ""), true),
                Arguments.of(Rule.event("subscribe"), event("subscribe", "qrscene_42"), true),
                Arguments.of(Rule.event("subscribe_scan"), event("subscribe", "qrscene_42"), true),
                Arguments.of(Rule.event("subscribe_scan"), event("subscribe", ""), false),
                Arguments.of(Rule.eventKey("CLICK", "V1001"), event("CLICK", "V1001"), true),
                Arguments.of(Rule.eventKey("CLICK", "V1001"), event("CLICK", "V1002"), false),
                Arguments.of(Rule.eventKey("CLICK", "V1001"), event("VIEW", "V1001"), false),
                Arguments.of(Rule.eventKey("SCAN", "42"), event("SCAN", "42"), true),
                Arguments.of(Rule.eventKey("subscribe", "42"), event("subscribe", "qrscene_42"), true),
                Arguments.of(Rule.contains("ell"), text("hello"), true),
                Arguments.of(Rule.contains("ELL"), text("hello"), false),
                Arguments.of(Rule.contains("你好"), text("大家你好呀"), true),
                Arguments.of(Rule.contains("hello"), event("CLICK", "hello"), false),
                Arguments.of(Rule.equalTo("hello"), text("hello"), true),
                Arguments.of(Rule.equalTo("hello"), text("hello!"), false),
                Arguments.of(Rule.regex("^h.*o$"), text("hello"), true),
                Arguments.of(Rule.regex("\\d{3}"), text("code 12"), false),
                Arguments.of(Rule.regex("\\d{3}"), text("code 123"), true));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("rules")
    void everyRuleType(Rule rule, WeChatMessage message, boolean matches) {
        add("h", rule);
        assertThat(engine().match(ctx(message)) != null).isEqualTo(matches);
    }

    @Test
    void customRulesMatchAndAnExceptionIsNoMatch() {
        add("vip", Rule.custom("isVip"));
        add("broken", Rule.custom("boom"));
        add("missing", Rule.custom("notRegistered"));
        ReplyEngine e = engine(ReplyEngine.builder(repo)
                .customRule("isVip", c -> c.message().fromUserName().equals("o1"))
                .customRule("boom", c -> {
                    throw new IllegalStateException("bug in user code");
                }));
        assertThat(e.match(ctx(text("x"))).name()).isEqualTo("vip");
    }

    @Test
    void aBacktrackingRegexOnAHostileTextGivesUpAsNoMatchAndTheNextHandlerAnswers() {
        repo.save("demo", Handler.builder("catastrophic").weight(9).rule(Rule.regex("(a+)+$"))
                .reply(HandlerReply.text("never")).build());
        repo.save("demo", Handler.builder("plain").weight(1).rule(Rule.contains("a"))
                .reply(HandlerReply.text("plain")).build());
        ReplyEngine e = engine();
        // 2^40 ways to split the a's: without a bound the matcher would run for days
        String hostile = "a".repeat(40) + "!";
        Handler winner = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> e.match(ctx(text(hostile))));
        assertThat(winner.name()).isEqualTo("plain");
        // the same rule still matches what it should
        assertThat(e.match(ctx(text("aaaa"))).name()).isEqualTo("catastrophic");
    }

    @Test
    void higherWeightWinsThenNewestThenHighestId() {
        repo.save("demo", Handler.builder("old").weight(1).createdAt(NOW.minusSeconds(100)).rule(Rule.all())
                .reply(HandlerReply.text("old")).build());
        repo.save("demo", Handler.builder("new").weight(1).createdAt(NOW.minusSeconds(10)).rule(Rule.all())
                .reply(HandlerReply.text("new")).build());
        repo.save("demo", Handler.builder("light").weight(0).createdAt(NOW).rule(Rule.all())
                .reply(HandlerReply.text("light")).build());
        assertThat(engine().match(ctx(text("x"))).name()).isEqualTo("new");
        repo.save("demo", Handler.builder("heavy").weight(5).createdAt(NOW.minusSeconds(999)).rule(Rule.contains("x"))
                .reply(HandlerReply.text("heavy")).build());
        assertThat(engine().match(ctx(text("x"))).name()).isEqualTo("heavy");
        assertThat(engine().match(ctx(text("y"))).name()).isEqualTo("new");
    }

    @Test
    void disabledAndOutOfWindowHandlersAreSkipped() {
        repo.save("demo", Handler.builder("disabled").weight(9).enabled(false).rule(Rule.all())
                .reply(HandlerReply.text("d")).build());
        repo.save("demo", Handler.builder("future").weight(8).window(NOW.plusSeconds(60), null).rule(Rule.all())
                .reply(HandlerReply.text("f")).build());
        repo.save("demo", Handler.builder("past").weight(7).window(null, NOW).rule(Rule.all())
                .reply(HandlerReply.text("p")).build());
        repo.save("demo", Handler.builder("now").weight(6).window(NOW, NOW.plusSeconds(1)).rule(Rule.all())
                .reply(HandlerReply.text("n")).build());
        repo.save("demo", Handler.builder("fallback").weight(0).rule(Rule.all()).reply(HandlerReply.text("x")).build());
        assertThat(engine().match(ctx(text("x"))).name()).isEqualTo("now");
    }

    @Test
    void anyMatchingRuleSelectsItsHandler() {
        repo.save("demo", Handler.builder("multi").rule(Rule.equalTo("a")).rule(Rule.event("click"))
                .reply(HandlerReply.text("m")).build());
        ReplyEngine e = engine();
        assertThat(e.match(ctx(text("a")))).isNotNull();
        assertThat(e.match(ctx(event("CLICK", "")))).isNotNull();
        assertThat(e.match(ctx(text("b")))).isNull();
    }

    @Test
    void indexesAreRebuiltWhenHandlersChange() {
        ReplyEngine e = engine();
        assertThat(e.match(ctx(text("hi")))).isNull();
        add("hi", Rule.equalTo("hi"));
        assertThat(e.match(ctx(text("hi"))).name()).isEqualTo("hi");
    }

    @Test
    void aThousandKeywordHandlersEachMatchTheirOwnKeyword() {
        for (int i = 0; i < 1000; i++) {
            repo.save("demo", Handler.builder("kw" + i).weight(i % 7).rule(i % 2 == 0 ? Rule.contains("key" + i + "#")
                    : Rule.equalTo("key" + i)).reply(HandlerReply.text("r" + i)).build());
        }
        ReplyEngine e = engine();
        for (int i = 0; i < 1000; i += 37) {
            String content = i % 2 == 0 ? "say key" + i + "# please" : "key" + i;
            assertThat(e.match(ctx(text(content))).name()).isEqualTo("kw" + i);
        }
        assertThat(e.match(ctx(text("nothing here")))).isNull();
    }

    @Test
    void overlappingContainsPatternsAllCount() {
        repo.save("demo", Handler.builder("she").weight(1).rule(Rule.contains("she")).reply(HandlerReply.text("1")).build());
        repo.save("demo", Handler.builder("he").weight(2).rule(Rule.contains("he")).reply(HandlerReply.text("2")).build());
        repo.save("demo", Handler.builder("hers").weight(3).rule(Rule.contains("hers")).reply(HandlerReply.text("3"))
                .build());
        ReplyEngine e = engine();
        assertThat(e.match(ctx(text("ushers"))).name()).isEqualTo("hers");
        assertThat(e.match(ctx(text("ushe"))).name()).isEqualTo("he");
        assertThat(e.match(ctx(text("sh")))).isNull();
    }

    @Test
    void strategies() {
        Handler all = Handler.builder("all").rule(Rule.all()).reply(HandlerReply.text("a"))
                .reply(HandlerReply.text("b")).reply(HandlerReply.text("c")).build();
        EngineResult r = engine().reply(all, ctx(text("x")), Duration.ofSeconds(1));
        assertThat(r.passive()).isEqualTo(new TextReply("c"));
        assertThat(r.extra()).containsExactly(new TextReply("a"), new TextReply("b"));

        Handler one = all.toBuilder().strategy(Handler.Strategy.RANDOM_ONE).build();
        Set<Reply> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            EngineResult x = engine().reply(one, ctx(text("x")), Duration.ofSeconds(1));
            assertThat(x.extra()).isEmpty();
            seen.add(x.passive());
        }
        assertThat(seen).containsExactlyInAnyOrder(new TextReply("a"), new TextReply("b"), new TextReply("c"));

        Handler none = all.toBuilder().strategy(Handler.Strategy.NONE).build();
        assertThat(engine().reply(none, ctx(text("x")), Duration.ofSeconds(1)).passive())
                .isEqualTo(EmptyReply.INSTANCE);
    }

    @Test
    void replyKinds() {
        materials.saveArticles("demo", "NEWS1", List.of(new NewsArticle("T1", "th", "http://pic", 1, "a", "d1", "c",
                "http://a1", "", 0, 0), new NewsArticle("T2", "th", "http://pic2", 0, "a", "d2", "c", "http://a2",
                "", 0, 0)));
        ReplyEngine e = engine(ReplyEngine.builder(repo)
                .customReply("echo", c -> "you said " + ((org.wechatmp.core.message.TextMessage) c.message()).content())
                .customReply("nothing", c -> null)
                .customReply("fails", c -> {
                    throw new java.io.IOException("backend down");
                }));
        MessageContext c = ctx(text("hi"));
        assertThat(e.reply(handler(HandlerReply.custom("echo")), c, Duration.ofSeconds(1)).passive())
                .isEqualTo(new TextReply("you said hi"));
        assertThat(e.reply(handler(HandlerReply.custom("nothing")), c, Duration.ofSeconds(1)).passive())
                .isEqualTo(EmptyReply.INSTANCE);
        assertThatThrownBy(() -> e.reply(handler(HandlerReply.custom("fails")), c, Duration.ofSeconds(1)))
                .isInstanceOf(WeChatException.class).hasMessageContaining("backend down");
        assertThatThrownBy(() -> e.reply(handler(HandlerReply.custom("unknown")), c, Duration.ofSeconds(1)))
                .isInstanceOf(WeChatException.class).hasMessageContaining("not registered");
        Reply news = e.reply(handler(HandlerReply.news("NEWS1")), c, Duration.ofSeconds(1)).passive();
        assertThat(news).isInstanceOfSatisfying(NewsReply.class, n -> {
            assertThat(n.articles()).hasSize(2);
            assertThat(n.articles().get(0).title()).isEqualTo("T1");
            assertThat(n.articles().get(0).description()).isEqualTo("d1");
            assertThat(n.articles().get(0).picUrl()).isEqualTo("http://pic");
            assertThat(n.articles().get(0).url()).isEqualTo("http://a1");
        });
        assertThatThrownBy(() -> e.reply(handler(HandlerReply.news("MISSING")), c, Duration.ofSeconds(1)))
                .isInstanceOf(WeChatException.class);
        assertThat(e.reply(handler(HandlerReply.transfer("kf@gh")), c, Duration.ofSeconds(1)).passive())
                .isEqualTo(new TransferCustomerServiceReply("kf@gh"));
        assertThat(e.mayBlock(handler(HandlerReply.text("x")))).isFalse();
        assertThat(e.mayBlock(handler(HandlerReply.custom("echo")))).isTrue();
    }

    static Handler handler(HandlerReply reply) {
        return Handler.builder("h").rule(Rule.all()).reply(reply).build();
    }
}
