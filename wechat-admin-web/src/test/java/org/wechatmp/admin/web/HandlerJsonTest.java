package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.spi.InMemoryMaterialRepository;

class HandlerJsonTest {
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
    final InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    final InMemoryMaterialRepository materials = new InMemoryMaterialRepository();
    final HandlerCheck check = new HandlerCheck(Account.of("b", "wx", "s", "t"), List.of("vip"), List.of("fn"));

    void seed() {
        materials.saveArticles("a", "news-1", List.of(new NewsArticle("Title", null, "http://c/1.jpg", 1, "me",
                "digest", "<p>body</p>", "http://u/1", "", 0, 0)));
        handlers.save("a", Handler.builder("hello").weight(3).rule(Rule.contains("hello")).rule(Rule.regex("^h\\d+$"))
                .reply(HandlerReply.text("Hi")).reply(HandlerReply.news("news-1")).build());
        handlers.save("a", Handler.builder("window").window(AT, AT.plusSeconds(3600)).strategy(Handler.Strategy
                .RANDOM_ONE).rule(Rule.eventKey("CLICK", "K1")).rule(Rule.custom("vip"))
                .reply(HandlerReply.custom("fn")).reply(HandlerReply.transfer(null)).logMessages(true).build());
        handlers.save("a", Handler.builder("imported").source(Handler.Source.IMPORTED).rule(Rule.all())
                .reply(HandlerReply.music("t", "d", "http://m/1.mp3", null, "thumb")).build());
    }

    @Test
    void exportThenImportIntoAnotherAccountRoundTripsAndASecondImportAddsNothing() {
        seed();
        String json = HandlerJson.export("a", AT, handlers.handlers("a"), materials);
        assertThat(json).contains("\"format\" : \"wechat-admin-handlers\"", "\"articles\"").doesNotContain("<p>body");
        List<HandlerProblem> problems = new ArrayList<>();
        HandlerJson.Report r = HandlerJson.importInto("b", json, check, handlers, materials, problems);
        assertThat(problems).isEmpty();
        assertThat(r.imported()).containsExactly("hello", "imported", "window");
        assertThat(r.skipped()).isEmpty();
        assertThat(r.warnings()).containsExactly("imported: thumb");
        assertThat(materials.articles("b", "news-1")).extracting(NewsArticle::title).containsExactly("Title");
        assertThat(handlers.handlers("b")).allMatch(h -> h.source() == Handler.Source.SELF);
        String back = HandlerJson.export("b", AT, handlers.handlers("b"), materials);
        assertThat(back.replace("\"source\" : \"IMPORTED\"", "\"source\" : \"SELF\"").replace("\"account\" : \"b\"",
                "\"account\" : \"a\"")).isEqualTo(json.replace("\"source\" : \"IMPORTED\"", "\"source\" : \"SELF\""));

        HandlerJson.Report again = HandlerJson.importInto("b", json, check, handlers, materials, problems);
        assertThat(again.imported()).isEmpty();
        assertThat(again.skipped()).extracting(HandlerJson.Skipped::name).containsExactly("hello", "imported",
                "window");
        assertThat(handlers.handlers("b")).hasSize(3);
    }

    @Test
    void invalidHandlersAreSkippedWithTheirReasonsAndOthersImported() {
        String json = """
                {"format":"wechat-admin-handlers","version":1,"handlers":[
                 {"name":"bad regex","rules":[{"type":"REGEX","value":"([a-z"}],"replies":[{"type":"TEXT","content":"x"}]},
                 {"name":"no rule","rules":[],"replies":[{"type":"TEXT","content":"x"}]},
                 {"name":"unknown custom","rules":[{"type":"CUSTOM","value":"nope"}],"replies":[{"type":"TEXT","content":"x"}]},
                 {"name":"ssrf","rules":[{"type":"ALL"}],"replies":[{"type":"FORWARD","url":"http://169.254.169.254/"}]},
                 {"name":"bad type","rules":[{"type":"SOMETHING","value":"x"}],"replies":[]},
                 {"name":"good","rules":[{"type":"EQUALS","value":"hi"}],"replies":[{"type":"TEXT","content":"hello"}]}
                ]}""";
        List<HandlerProblem> problems = new ArrayList<>();
        HandlerJson.Report r = HandlerJson.importInto("b", json, check, handlers, materials, problems);
        assertThat(r.imported()).containsExactly("good");
        assertThat(r.skipped()).extracting(s -> s.name() + ":" + s.problems().get(0).key()).containsExactly(
                "bad regex:replies.err.regex", "no rule:replies.err.norule", "unknown custom:replies.err.rule.custom",
                "ssrf:replies.err.forward.internal", "bad type:replies.json.badhandler");
        Msg en = Msg.of("en");
        assertThat(r.skipped().get(0).problems().get(0).text(en)).contains("([a-z", "not valid");
    }

    @Test
    void aFileThatIsNotAnExportIsRefusedAsAWhole() {
        for (String text : new String[] {"{", "[]", "{\"handlers\":[]}", "{\"format\":\"other\",\"handlers\":[]}"}) {
            List<HandlerProblem> problems = new ArrayList<>();
            assertThat(HandlerJson.importInto("b", text, check, handlers, materials, problems)).isNull();
            assertThat(problems).extracting(HandlerProblem::key).containsExactly("replies.json.notours");
        }
        List<HandlerProblem> problems = new ArrayList<>();
        assertThat(HandlerJson.importInto("b", "{\"format\":\"wechat-admin-handlers\",\"version\":2,\"handlers\":[]}",
                check, handlers, materials, problems)).isNull();
        assertThat(problems).extracting(HandlerProblem::key).containsExactly("replies.json.version");
    }
}
