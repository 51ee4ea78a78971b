package org.wechatmp.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The framework in a Spring Boot application on embedded Tomcat: accounts and settings from {@code application.yml}
 * ({@code wechat.*}), the callback servlet and the OAuth filter mounted by {@link WeChatConfiguration}, the storage
 * on Spring's {@code DataSource}, the core's meters in Actuator's registry, and the auto-replies as beans
 * ({@link DemoHandlers}). Without {@code WECHAT_API_BASE} the demo account talks to a local WeChat double; a real
 * account without it refuses to start.
 */
@SpringBootApplication
public class WeChatBootApplication {
    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(WeChatBootApplication.class, args);
    }
}
