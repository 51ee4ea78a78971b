package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.admin.AdminTestDatabases;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The blacklist's table on every database: openids that differ only in case are two followers (MariaDB compares
 * them exactly too), and the page joins the stored profiles.
 */
class FollowerStoreTest {
    static List<String> databases() {
        return AdminTestDatabases.urls();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void openidsThatDifferOnlyInCaseAreTwoBlacklistedFollowers(String url) {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        try (JdbiStorage storage = AdminTestDatabases.open(url, Clock.systemUTC())) {
            String account = "bl" + UUID.randomUUID().toString().substring(0, 8);
            storage.users().saveAll(account, List.of(new WeChatUser("oCaseBl", null, "upper", null, 1, "zh_CN", "",
                    "", "", true, now, "", 0, null, null, null, List.of(), now, now)));
            FollowerStore store = new FollowerStore(storage.jdbi());
            store.blacklist(account, List.of("oCaseBl", "ocasebl"), true, now);
            assertThat(store.blacklistCount(account)).isEqualTo(2);
            assertThat(store.blacklisted(account, List.of("oCaseBl", "ocasebl", "OCASEBL")))
                    .containsExactlyInAnyOrder("oCaseBl", "ocasebl");
            assertThat(store.blacklist(account, 0, 10)).hasSize(2);
        }
    }
}
