package org.wechatmp.examples.springboot;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.engine.CustomReply;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.TextMessage;

/**
 * The auto-replies, as beans. A {@link Handler} bean is a rule set with its replies (what WxJava's
 * {@code WxMpMessageRouter.rule()...handler(...)} chain says); a {@link CustomReply} bean is Java code a handler
 * names by the bean's name ({@code HandlerReply.custom("whoami")}), like a {@code WxMpMessageHandler} bean.
 */
@Configuration(proxyBeanMethods = false)
public class DemoHandlers {
    /**
     * "hello" or "你好": a fixed text.
     *
     * @return the handler
     */
    @Bean
    public Handler helloHandler() {
        return Handler.builder("hello").weight(10).rule(Rule.contains("hello")).rule(Rule.contains("你好"))
                .reply(HandlerReply.text("你好！This is wechatmp on Spring Boot.")).build();
    }

    /**
     * A new follower: the greeting of {@link #greet()}.
     *
     * @return the handler
     */
    @Bean
    public Handler subscribeHandler() {
        return Handler.builder("subscribe greeting").weight(10).rule(Rule.event("subscribe"))
                .reply(HandlerReply.custom("greet")).build();
    }

    // tag::handler[]
    /**
     * "whoami": the sender's profile, read from the WeChat API by {@link #whoami()}.
     *
     * @return the handler
     */
    @Bean
    public Handler whoamiHandler() {
        return Handler.builder("whoami").weight(10).rule(Rule.equalTo("whoami"))
                .reply(HandlerReply.custom("whoami")).build();
    }

    /**
     * Calls the API with the account's client (token fetched, cached and refreshed by the runtime).
     *
     * @return the custom reply named {@code whoami}
     */
    @Bean
    public CustomReply whoami() {
        return ctx -> {
            UserInfo user = ctx.client().users().info(ctx.message().fromUserName());
            String name = user.nickname() == null || user.nickname().isEmpty() ? user.openid() : user.nickname();
            return "你是 " + name + "，关注于 " + user.subscribeTime();
        };
    }
    // end::handler[]

    /**
     * Any other text: echoed with the time in Beijing.
     *
     * @return the handler
     */
    @Bean
    public Handler echoHandler() {
        return Handler.builder("echo").weight(-100).rule(Rule.msgType("text")).reply(HandlerReply.custom("echo"))
                .build();
    }

    /**
     * Welcomes a first subscription and a return differently.
     *
     * @return the custom reply named {@code greet}
     */
    @Bean
    public CustomReply greet() {
        return ctx -> ctx.isFirstSubscribe() ? "欢迎关注！Welcome!" : "欢迎回来！Welcome back!";
    }


    /**
     * Echoes the text.
     *
     * @return the custom reply named {@code echo}
     */
    @Bean
    public CustomReply echo() {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        return ctx -> "You said: " + ((TextMessage) ctx.message()).content() + " ("
                + hhmm.format(ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))) + " in Beijing)";
    }
}
