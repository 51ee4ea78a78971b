package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;

class HandlerFormTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HandlerForm.ReplyRow TEXT = new HandlerForm.ReplyRow("TEXT", "hi", "", "", "", "", "", "", "", "",
            "");

    static HandlerForm form(String weight, String starts, String ends, List<HandlerForm.RuleRow> rules,
            List<HandlerForm.ReplyRow> replies) {
        return new HandlerForm(0, "h", true, weight, starts, ends, "RANDOM_ONE", true, Handler.Source.SELF, rules,
                replies);
    }

    @Test
    void aFilledFormBecomesTheHandlerWithTheWindowInTheUsersZoneAndBlankRowsIgnored() {
        List<HandlerProblem> problems = new ArrayList<>();
        Handler h = form("5", "2026-12-01T09:00", "2026-12-01T18:30", List.of(new HandlerForm.RuleRow("CONTAINS",
                "你好", ""), HandlerForm.RuleRow.BLANK, new HandlerForm.RuleRow("EVENT_KEY", "CLICK", "K1")),
                List.of(HandlerForm.ReplyRow.BLANK, TEXT)).parse(SHANGHAI, null, problems);
        assertThat(problems).isEmpty();
        assertThat(h.startsAt()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(h.endsAt()).isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
        assertThat(h.weight()).isEqualTo(5);
        assertThat(h.strategy()).isEqualTo(Handler.Strategy.RANDOM_ONE);
        assertThat(h.rules()).containsExactly(Rule.contains("你好"), Rule.eventKey("click", "K1"));
        assertThat(h.replies()).containsExactly(HandlerReply.text("hi"));
        assertThat(h.logMessages()).isTrue();
        HandlerForm back = HandlerForm.of(h.toBuilder().id(9).build(), SHANGHAI);
        assertThat(back.startsAt()).isEqualTo("2026-12-01T09:00");
        assertThat(back.rules()).hasSize(2 + HandlerForm.BLANK_ROWS);
    }

    @Test
    void unreadableValuesAreProblemsNotExceptions() {
        List<HandlerProblem> problems = new ArrayList<>();
        Handler h = form("heavy", "tomorrow", "", List.of(new HandlerForm.RuleRow("REGEX", "(unclosed", ""),
                new HandlerForm.RuleRow("CONTAINS", "", ""), new HandlerForm.RuleRow("NOPE", "x", "")),
                List.of(new HandlerForm.ReplyRow("SOMETHING", "", "", "", "", "", "", "", "", "", "")))
                .parse(SHANGHAI, null, problems);
        assertThat(h).isNull();
        assertThat(problems).extracting(HandlerProblem::key).containsExactly("replies.err.weight",
                "replies.err.date", "replies.err.regex", "replies.err.rule.value", "replies.err.rule.value",
                "replies.err.reply.type");
        assertThat(problems.get(2).text(Msg.of("zh-CN"))).contains("(unclosed", "正则表达式");
    }

    @Test
    void theChecksNameEveryProblemOfAParsedHandler() {
        HandlerCheck check = new HandlerCheck(Account.of("a", "wx", "s", "t"), List.of(), List.of());
        Handler bad = Handler.builder("").window(Instant.EPOCH.plusSeconds(10), Instant.EPOCH)
                .rule(Rule.msgType("sticker")).rule(Rule.event("bad-event")).rule(new Rule(Rule.Type.EVENT_KEY,
                        "click", "")).rule(Rule.custom("vip")).reply(HandlerReply.image(" "))
                .reply(HandlerReply.music(null, null, "ftp://x", null, "t")).reply(HandlerReply.custom("fn"))
                .reply(HandlerReply.forward("http://10.0.0.1/")).build();
        assertThat(check.problems(bad)).extracting(HandlerProblem::key).containsExactly("replies.err.name",
                "replies.err.window", "replies.err.rule.msgtype", "replies.err.rule.event", "replies.err.rule.key",
                "replies.err.rule.custom", "replies.err.reply.need.mediaId", "replies.err.reply.musicurl",
                "replies.err.reply.custom", "replies.err.forward.internal");
        assertThat(check.problems(Handler.builder("quiet").strategy(Handler.Strategy.NONE).rule(Rule.all())
                .build())).isEmpty();
        assertThat(check.problems(Handler.builder("mute").rule(Rule.all()).build())).extracting(HandlerProblem::key)
                .containsExactly("replies.err.noreply");
    }
}
