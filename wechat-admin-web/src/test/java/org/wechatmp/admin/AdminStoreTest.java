package org.wechatmp.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.admin.audit.AuditEntry;
import org.wechatmp.admin.audit.AuditFilter;
import org.wechatmp.admin.audit.AuditLog;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.AdminUser;
import org.wechatmp.admin.auth.Grant;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.PasswordHasher;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.storage.jdbi.JdbiStorage;

class AdminStoreTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
    private JdbcDataSource ds;
    private JdbiStorage storage;
    private AdminStore admins;

    @BeforeEach
    void open() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        storage = JdbiStorage.builder(ds).build();
        AdminApp.migrate(ds, storage.vendor());
        admins = new AdminStore(storage.jdbi(), clock, new PasswordHasher());
    }

    @AfterEach
    void close() throws java.sql.SQLException {
        storage.close();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    @Test
    void adminTablesLiveBesideTheStorageSchemaWithTheirOwnHistory() {
        List<String> histories = storage.jdbi().withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE LOWER(table_name) LIKE '%schema_history'")
                .mapTo(String.class).list());
        assertThat(histories).containsExactlyInAnyOrder("wx_schema_history", "wx_admin_schema_history");
        // migrating again is a no-op
        AdminApp.migrate(ds, storage.vendor());
        assertThat(admins.count()).isZero();
    }

    @Test
    void createAuthenticateGrantAndDisable() {
        long id = admins.create("editor", "s3cret-pass", false);
        assertThat(admins.authenticate("editor", "wrong-pass")).isEmpty();
        assertThat(admins.authenticate("nobody", "s3cret-pass")).isEmpty();
        AdminUser u = admins.authenticate(" editor ", "s3cret-pass").orElseThrow();
        assertThat(u.lastLoginAt()).isEqualTo(clock.instant());
        assertThat(u.sees("a")).isFalse();

        admins.grants(id, List.of(new Grant("a", Section.SETTINGS, Level.EDIT), new Grant("a", Section.MENUS,
                Level.VIEW)));
        u = admins.find(id).orElseThrow();
        assertThat(u.sees("a")).isTrue();
        assertThat(u.sees("b")).isFalse();
        assertThat(u.can("a", Section.SETTINGS, Level.VIEW)).isTrue();
        assertThat(u.can("a", Section.SETTINGS, Level.PUBLISH)).isFalse();
        assertThat(u.can("a", Section.MENUS, Level.EDIT)).isFalse();
        assertThat(u.can("a", Section.FOLLOWERS, Level.VIEW)).isFalse();

        admins.dropAccount("a");
        assertThat(admins.find(id).orElseThrow().grants()).isEmpty();

        admins.flags(id, false, false);
        assertThat(admins.authenticate("editor", "s3cret-pass")).as("inactive").isEmpty();
        assertThatThrownBy(() -> admins.create("x y", "s3cret-pass", false)).hasMessage("error.username");
        assertThatThrownBy(() -> admins.create("short", "1234567", false)).hasMessage("error.password");
    }

    @Test
    void everyAuditedActionIsAlsoALineOnTheAccountsAdminLogger() {
        AuditLog log = new AuditLog(storage.jdbi(), clock);
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            log.record("eve", "shop", "accounts.test", "wx1\r\nforged line", false, 40125, "invalid appsecret");
        } finally {
            System.setErr(original);
        }
        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("wechat.admin.shop").contains("eve accounts.test").contains("errcode=40125")
                .contains("wx1\\u000d\\u000aforged line");
        assertThat(out.lines().filter(l -> l.contains("forged line")).count()).isEqualTo(1);
    }

    @Test
    void auditFiltersAndCsvNeutralisesFormulas() {
        AuditLog log = new AuditLog(storage.jdbi(), clock);
        log.record("root", "a", "account.update", "a", true, null, null);
        log.record("root", "b", "wechat.token", "b", false, 40125, "invalid appsecret");
        log.record("eve", "a", "account.update", "=HYPERLINK(\"x\")", true, null, "a,b");
        assertThat(log.find(new AuditFilter(null, null, null, null, null), 10)).hasSize(3);
        assertThat(log.find(new AuditFilter("root", null, null, null, null), 10)).hasSize(2);
        assertThat(log.find(new AuditFilter(null, "a", "account.", null, null), 10)).hasSize(2);
        assertThat(log.find(new AuditFilter(null, null, null, clock.instant().plusSeconds(1), null), 10)).isEmpty();
        List<AuditEntry> failed = log.find(new AuditFilter(null, "b", null, null, null), 10);
        assertThat(failed.get(0).errcode()).isEqualTo(40125);
        assertThat(failed.get(0).result()).isEqualTo("error");
        String csv = AuditLog.csv(log.find(new AuditFilter("eve", null, null, null, null), 10));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains("\"a,b\"");
    }
}
