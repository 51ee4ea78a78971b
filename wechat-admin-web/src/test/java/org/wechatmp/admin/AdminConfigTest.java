package org.wechatmp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminConfigTest {

    @Test
    void defaults() {
        AdminConfig c = AdminConfig.load(k -> null, Map.of(), k -> null);
        assertThat(c.dbUrl()).isEqualTo("jdbc:h2:file:./data/wechat-admin");
        assertThat(c.sessionMinutes()).isEqualTo(30);
        assertThat(c.httpsSite()).isFalse();
        assertThat(c.adminUser()).isNull();
    }

    @Test
    void systemPropertyThenEnvironmentThenContextParameter() {
        Map<String, String> env = Map.of("WECHAT_DB_URL", "jdbc:h2:mem:env", "WECHAT_SITE_URL", "https://mp.example/",
                "WECHAT_MASTER_KEY", "env-key", "WECHAT_TIME_ZONE", "Asia/Shanghai");
        Map<String, String> props = Map.of("wechat.db.url", "jdbc:h2:mem:prop");
        Map<String, String> params = Map.of("wechat.db.url", "jdbc:h2:mem:param", "wechat.admin.user", "root",
                "wechat.master.key", "param-key");
        AdminConfig c = AdminConfig.load(params::get, env, props::get);
        assertThat(c.dbUrl()).isEqualTo("jdbc:h2:mem:prop");
        assertThat(c.masterKey()).isEqualTo("env-key");
        assertThat(c.adminUser()).isEqualTo("root");
        assertThat(c.siteUrl()).isEqualTo("https://mp.example");
        assertThat(c.httpsSite()).isTrue();
        assertThat(c.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void toStringHidesSecrets() {
        AdminConfig c = AdminConfig.load(Map.of("wechat.db.url", "jdbc:postgresql://h/db?user=u&password=hunter2",
                "wechat.master.key", "c2VjcmV0", "wechat.admin.password", "pw-hunter3", "wechat.db.password",
                "hunter4", "wechat.metrics.token", "scrape-hunter5")::get, Map.of(), k -> null);
        assertThat(c.metricsToken()).isEqualTo("scrape-hunter5");
        assertThat(c.toString()).doesNotContain("hunter2", "c2VjcmV0", "pw-hunter3", "hunter4", "scrape-hunter5")
                .contains("metricsToken=set");
    }
}
