package org.wechatmp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.PasswordHasher;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.jobs.JobRun;
import org.wechatmp.core.jobs.JobState;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** Demo mode on H2 with the real double: when it applies, what it makes, and a restart that rewires the account. */
class DemoTest {
    private JdbcDataSource ds;
    private JdbiStorage storage;
    private WeChatRuntime runtime;
    private AdminStore admins;
    private AuditLog audit;

    @BeforeEach
    void open() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        storage = JdbiStorage.builder(ds).build();
        AdminApp.migrate(ds, storage.vendor());
        runtime = storage.runtime().build();
        admins = new AdminStore(storage.jdbi(), Clock.systemUTC(), new PasswordHasher());
        audit = new AuditLog(storage.jdbi(), Clock.systemUTC());
    }

    @AfterEach
    void close() throws java.sql.SQLException {
        runtime.close();
        storage.close();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    static AdminConfig config(String demoApiBase) {
        return AdminConfig.load(k -> null, demoApiBase == null ? Map.of()
                : Map.of("WECHAT_DEMO_API_BASE", demoApiBase), k -> null);
    }

    @Test
    void theDemoMakesItsAccountAndAdminSyncsAndIsRewiredOnARestart() throws Exception {
        assertThat(Demo.applies(config(null), storage.accounts())).as("no double, no demo").isFalse();
        try (WeChatDouble wechat = WeChatDouble.builder().followers(250).pageSize(100).start()) {
            AdminConfig config = config(wechat.baseUrl());
            assertThat(Demo.applies(config, storage.accounts())).isTrue();
            Demo.start(config, storage.accounts(), runtime, admins, audit);
            Account demo = storage.accounts().find("demo").orElseThrow();
            assertThat(demo.options()).containsEntry("api_base", wechat.baseUrl()).containsEntry("demo", "true");
            assertThat(admins.all()).singleElement().satisfies(u -> {
                assertThat(u.username()).isEqualTo("admin");
                assertThat(u.superuser()).isTrue();
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (runtime.jobs().recent("demo", 10).stream().anyMatch(r -> r.state() == JobState.RUNNING)
                    && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(runtime.jobs().recent("demo", 10)).extracting(JobRun::kind)
                    .contains("FOLLOWERS_FULL", "TAGS", "MENUS", "MATERIALS", "AUTO_REPLIES");
            assertThat(runtime.jobs().recent("demo", 10)).filteredOn(r -> r.kind().equals("FOLLOWERS_FULL"))
                    .singleElement().extracting(JobRun::state).isEqualTo(JobState.SUCCEEDED);
            assertThat(storage.users().count("demo")).isEqualTo(250);

            // a restart: the double has a new address, the only account is the demo one, the admin exists
            AdminConfig again = config("http://127.0.0.1:1");
            assertThat(Demo.applies(again, storage.accounts())).isTrue();
            Demo.start(again, storage.accounts(), runtime, admins, audit);
            assertThat(storage.accounts().find("demo").orElseThrow().options())
                    .containsEntry("api_base", "http://127.0.0.1:1");
            assertThat(admins.count()).isEqualTo(1);
        }
        // a real account turns demo mode off
        storage.accounts().save(Account.of("real", "wxreal", "s", "t"));
        assertThat(Demo.applies(config("http://127.0.0.1:1"), storage.accounts())).isFalse();
    }
}
