package org.wechatmp.examples.springboot;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.engine.CustomReply;
import org.wechatmp.core.engine.CustomRule;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.metrics.MicrometerMetrics;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.servlet.OAuthConfig;
import org.wechatmp.servlet.WeChatServlets;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Wires the framework the Spring way, as a starter's auto-configuration would: the {@code wechat.*} properties, the
 * API endpoint (WeChat or the local double), a {@link JdbiStorage} on Spring's {@link DataSource}, one
 * {@link WeChatRuntime} with every {@link Handler}, {@link CustomReply} and {@link CustomRule} bean and the core's
 * meters in Actuator's {@link MeterRegistry}, and the callback servlet, material proxy, JS-SDK script and OAuth
 * filter in the embedded container.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WeChatProperties.class)
public class WeChatConfiguration {
    /**
     * Where the API calls go, decided before anything else starts.
     *
     * @param props the settings
     * @return the endpoints (closing them stops a local double)
     */
    @Bean(destroyMethod = "close")
    public WeChatEndpoints wechatEndpoints(WeChatProperties props) {
        return WeChatEndpoints.of(props);
    }

    /**
     * The storage on Spring Boot's pool ({@code spring.datasource.*}); it migrates its own tables
     * ({@code wx_schema_history}) and leaves the pool to Spring.
     *
     * @param dataSource Spring's data source
     * @param props the settings
     * @return the storage
     */
    // tag::storage[]
    @Bean(destroyMethod = "close")
    public JdbiStorage jdbiStorage(DataSource dataSource, WeChatProperties props) {
        return JdbiStorage.builder(dataSource).masterKey(blankToNull(props.masterKey())).build();
    }
    // end::storage[]

    /**
     * The runtime: the accounts of {@code wechat.accounts} saved to the storage, the handler beans as each account's
     * own auto-replies, custom replies and rules by bean name, the meters in Actuator's registry.
     *
     * @param api where the API calls go
     * @param storage the storage
     * @param props the settings
     * @param meters Actuator's registry
     * @param handlers every {@link Handler} bean
     * @param replies every {@link CustomReply} bean, by bean name
     * @param rules every {@link CustomRule} bean, by bean name
     * @return the runtime (closed with the context)
     */
    // tag::runtime[]
    @Bean(destroyMethod = "close")
    public WeChatRuntime wechatRuntime(WeChatEndpoints api, JdbiStorage storage, WeChatProperties props,
            MeterRegistry meters, List<Handler> handlers, Map<String, CustomReply> replies,
            Map<String, CustomRule> rules) {   // api first: a refused start opens no database
        for (Map.Entry<String, WeChatProperties.AccountSettings> e : props.accounts().entrySet()) {
            Account account = account(e.getKey(), e.getValue(), api);
            storage.accounts().save(account);
            seed(storage, account.name(), handlers);
        }
        String oauthKey = blankToNull(props.oauthKey());
        WeChatRuntimeBuilder runtime = storage.runtime().metrics(new MicrometerMetrics(meters))
                .stateSigner(oauthKey == null ? OAuthStateSigner.random() : OAuthStateSigner.of(oauthKey));
        replies.forEach(runtime::customReply);
        rules.forEach(runtime::customRule);
        return runtime.build();
    }
    // end::runtime[]

    /**
     * Saves the handler beans as the account's own handlers, each replacing only the stored handler of the same name:
     * a restart never duplicates them, and handlers made in the admin (other names) are left alone, so the example
     * can share the admin's database.
     */
    static void seed(JdbiStorage storage, String account, List<Handler> beans) {
        java.util.Set<String> names = new java.util.HashSet<>();
        beans.forEach(h -> names.add(h.name()));
        for (Handler old : storage.handlers().handlers(account)) {
            if (old.source() == Handler.Source.SELF && names.contains(old.name())) {
                storage.handlers().delete(account, old.id());
            }
        }
        beans.forEach(h -> storage.handlers().save(account, h));
    }

    /**
     * Mounts the adapter in the embedded container: {@code /wechat/*} (callbacks), {@code /wechat-material/*},
     * {@code /wechat-jssdk/*}, and the OAuth filter on {@code wechat.oauth.paths}.
     *
     * @param runtime the runtime
     * @param props the settings
     * @return the initializer Spring Boot runs on start
     */
    // tag::servlets[]
    @Bean
    public ServletContextInitializer wechatServlets(WeChatRuntime runtime, WeChatProperties props) {
        WebSettings web = web(props);
        return context -> {
            WeChatServlets.register(context, runtime, web);
            WeChatProperties.OAuth oauth = props.oauth();
            if (oauth != null && oauth.account() != null && oauth.paths() != null && !oauth.paths().isEmpty()) {
                WeChatServlets.protect(context, runtime, OAuthConfig.of(oauth.account(),
                        OAuthScope.parse(oauth.scope())).web(web), oauth.paths().toArray(String[]::new));
            }
        };
    }
    // end::servlets[]

    /**
     * Says at start what the application talks to.
     *
     * @return the listener
     */
    @Bean
    public StartupReport wechatStartupReport() {
        return new StartupReport();
    }

    static Account account(String name, WeChatProperties.AccountSettings s, WeChatEndpoints api) {
        EncryptMode mode = EncryptMode.parse(s.encryptMode());
        Account account = Account.of(name, s.appId(), nullToEmpty(s.secret()), nullToEmpty(s.token()))
                .withOption("api_base", api.apiBase());
        if (mode != EncryptMode.PLAIN) {
            account = account.withEncryption(s.aesKey(), mode);
        }
        if (api.oauthUrl() != null) {
            account = account.withOption("oauth_url", api.oauthUrl());
        }
        return account;
    }

    static WebSettings web(WeChatProperties props) {
        return new WebSettings(blankToNull(props.siteUrl()), Set.copyOf(props.allowedHosts()),
                Set.copyOf(props.trustedProxies()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
