package org.wechatmp.examples.springboot;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.wechatmp.examples.wechatdouble.ApiTarget;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Logs at INFO, once the server listens, what the application talks to: its URL, the WeChat API (WeChat or the
 * double), the database, each account's callback URL and encrypt mode, the sign-in page and the metrics.
 */
final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ApplicationContext ctx = event.getApplicationContext();
        WeChatProperties props = ctx.getBean(WeChatProperties.class);
        WeChatEndpoints api = ctx.getBean(WeChatEndpoints.class);
        String site = WeChatConfiguration.blankToNull(props.siteUrl());
        String origin = site != null ? site : "http://localhost:" + ctx.getEnvironment().getProperty(
                "local.server.port", ctx.getEnvironment().getProperty("server.port", "8080"));
        StringBuilder b = new StringBuilder("wechatmp on Spring Boot: ").append(origin).append("/  (stop with Ctrl+C)")
                .append("\n  WeChat API: ").append(api.describe())
                .append("\n  database: ").append(database(ctx.getBean(JdbiStorage.class), ctx.getBean(DataSource.class)));
        props.accounts().forEach((name, a) -> {
            b.append("\n  account ").append(name).append(" (").append(a.appId()).append("): callback URL ")
                    .append(origin).append("/wechat/").append(name).append(", ").append(a.encryptMode())
                    .append(" mode");
            if (ApiTarget.isDemo(a.appId(), a.secret())) {
                b.append(", token ").append(a.token()).append(" (demo only: a real token is never logged)");
            }
        });
        WeChatProperties.OAuth oauth = props.oauth();
        if (oauth != null && oauth.paths() != null) {
            oauth.paths().forEach(p -> b.append("\n  WeChat sign-in (").append(oauth.scope()).append("): ")
                    .append(origin).append(p));
        }
        b.append("\n  metrics: ").append(origin).append("/actuator/metrics/wechat.callback.answered and ")
                .append(origin).append("/actuator/prometheus");
        LOG.info("{}", b);
    }

    /**
     * The database and its URL, with any password in the URL masked.
     *
     * @param storage the storage
     * @param dataSource the pool
     * @return e.g. {@code h2 at jdbc:h2:mem:wechat-boot}
     */
    static String database(JdbiStorage storage, DataSource dataSource) {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            url = "(URL unknown: " + e.getMessage() + ")";
        }
        return storage.vendor() + " at " + (url == null ? "?" : url.replaceAll("(?i)(password=)[^&;]*", "$1***"));
    }
}
