package org.wechatmp.admin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.LoginThrottle;
import org.wechatmp.admin.auth.PasswordHasher;
import org.wechatmp.admin.auth.SetupToken;
import org.wechatmp.admin.web.AdminWeb;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.WeChatRuntimeBuilder;
import org.wechatmp.core.metrics.MicrometerMetrics;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.servlet.WeChatServlets;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * Starts the admin with the web application (declared in {@code web.xml}): reads {@link AdminConfig}, opens the
 * database and migrates both the storage's schema and the admin's ({@code db/admin}, history table
 * {@code wx_admin_schema_history}), builds the WeChat runtime, mounts the callback ({@code /wechat/{account}}) and
 * the admin pages, and makes the first superuser from the configuration or opens {@code /setup} with a one-time
 * token printed in the log.
 */
public final class AdminApp implements ServletContextListener {
    /** The context attribute holding the live setup token (for the process's own use; also in the log). */
    public static final String SETUP_TOKEN_ATTRIBUTE = "org.wechatmp.admin.setupToken";
    /** The context attribute set (to the double's URL) when the admin runs in demo mode. */
    public static final String DEMO_ATTRIBUTE = "org.wechatmp.admin.demo";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApp.class);

    private HikariDataSource pool;
    private JdbiStorage storage;
    private WeChatRuntime runtime;
    private PrometheusMeterRegistry registry;
    private AdminWeb.Prepared prepared;

    /** Creates the listener (the container does). */
    public AdminApp() {
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        AdminConfig config = AdminConfig.loadInContainer(ctx::getInitParameter);
        LOG.info("wechat-admin starting: {}", config);
        Clock clock = Clock.systemUTC();
        registerDrivers();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.dbUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(10);
        hc.setPoolName("wechat-admin");
        pool = new HikariDataSource(hc);
        try {
            storage = JdbiStorage.builder(pool).masterKey(config.masterKey()).clock(clock).build();
            migrate(pool, storage.vendor());
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            WeChatRuntimeBuilder rb = storage.runtime().clock(clock).metrics(new MicrometerMetrics(registry));
            if (config.oauthKey() != null) {
                rb.stateSigner(OAuthStateSigner.of(config.oauthKey().getBytes(StandardCharsets.UTF_8), clock));
            }
            prepared = AdminWeb.prepare(rb, storage, clock);
            runtime = rb.build();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (config.masterKey() == null) {
            LOG.warn("WECHAT_MASTER_KEY is not set: account secrets are stored unencrypted");
        }

        SessionCookieConfig cookie = ctx.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        if (config.httpsSite()) {
            cookie.setSecure(true);
        }
        ctx.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        ctx.setSessionTimeout(config.sessionMinutes());

        WeChatServlets.register(ctx, runtime);
        AdminStore admins = new AdminStore(storage.jdbi(), clock, new PasswordHasher());
        AuditLog audit = new AuditLog(storage.jdbi(), clock);
        boolean demo = Demo.applies(config, storage.accounts());
        if (demo) {
            Demo.start(config, storage.accounts(), runtime, admins, audit);
            ctx.setAttribute(DEMO_ATTRIBUTE, config.demoApiBase());
        }
        SetupToken setup = SetupToken.none();
        if (admins.count() == 0) {
            if (config.adminUser() != null && config.adminPassword() != null) {
                admins.create(config.adminUser(), config.adminPassword(), true);
                audit.record("system", null, "admin.bootstrap", config.adminUser(), true, null, null);
                LOG.info("created the first superuser '{}' from WECHAT_ADMIN_USER / WECHAT_ADMIN_PASSWORD",
                        config.adminUser());
            } else {
                setup = SetupToken.random();
                ctx.setAttribute(SETUP_TOKEN_ATTRIBUTE, setup.value());
                LOG.info("\n*************************************************************\n"
                        + "No admin exists yet. Open {}/setup and enter this one-time setup token:\n\n    {}\n\n"
                        + "(or set WECHAT_ADMIN_USER and WECHAT_ADMIN_PASSWORD and restart)\n"
                        + "*************************************************************", site(config, ctx),
                        setup.value());
            }
        }
        AdminWeb.install(ctx, runtime, storage, admins, audit, new LoginThrottle(clock, 5, Duration.ofMinutes(15)),
                setup, config.siteUrl(), config.timeZone(), clock, registry, config.metricsToken(), demo, prepared);
        LOG.info("wechat-admin ready: sign in at {}/login; WeChat callback URL per account: {}/wechat/<account name>",
                site(config, ctx), site(config, ctx));
    }

    /**
     * DriverManager finds drivers by ServiceLoader once per JVM, so a second web application (a redeploy, or
     * another war in the same container) would find none: load this war's drivers with its own class loader.
     */
    private static void registerDrivers() {
        for (Driver d : ServiceLoader.load(Driver.class, AdminApp.class.getClassLoader())) {
            LOG.debug("JDBC driver {}", d.getClass().getName());
        }
    }

    /** Deregisters the drivers this war's class loader registered, so that an undeploy leaks none. */
    private static void deregisterDrivers() {
        ClassLoader mine = AdminApp.class.getClassLoader();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == mine) {
                try {
                    DriverManager.deregisterDriver(d);
                } catch (SQLException e) {
                    LOG.debug("cannot deregister {}", d.getClass().getName(), e);
                }
            }
        }
    }

    private static String site(AdminConfig config, ServletContext ctx) {
        return config.siteUrl() != null ? config.siteUrl() : "<this server>" + ctx.getContextPath();
    }

    /** MariaDB/MySQL (admin V9): openids compared exactly, as the storage's V12 does for its tables. */
    private static final String MYSQL_BINARY_KEYS = "ALTER TABLE wx_admin_blacklist MODIFY openid VARCHAR(255) "
            + "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;";

    static void migrate(DataSource ds, String vendor) {
        Map<String, String> placeholders = switch (vendor) {
            case "mysql" -> Map.of("identity", "BIGINT AUTO_INCREMENT", "binary_keys", MYSQL_BINARY_KEYS);
            default -> Map.of("identity", "BIGINT GENERATED BY DEFAULT AS IDENTITY", "binary_keys", "SELECT 1;");
        };
        Flyway.configure(AdminApp.class.getClassLoader()).dataSource(ds).locations("classpath:db/admin")
                .table("wx_admin_schema_history").placeholders(placeholders).baselineOnMigrate(true)
                .baselineVersion("0").load().migrate();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (runtime != null) {
            runtime.close();
        }
        if (storage != null) {
            storage.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (pool != null) {
            pool.close();
        }
        deregisterDrivers();
    }
}
