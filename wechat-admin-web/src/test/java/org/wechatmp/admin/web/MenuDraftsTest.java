package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The working copies (storage V8) and who published (admin V5) on H2, and on PostgreSQL and MariaDB when
 * {@code WECHAT_TEST_POSTGRES_URL} / {@code WECHAT_TEST_MARIADB_URL} are set.
 */
class MenuDraftsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>(List.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        for (String env : new String[] {"WECHAT_TEST_POSTGRES_URL", "WECHAT_TEST_MARIADB_URL"}) {
            String url = System.getenv(env);
            if (url != null && !url.isBlank()) {
                urls.add(url);
            }
        }
        return urls.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void draftsSaveWithRevisionsAndPublishersAreRecorded(String url) throws Exception {
        try (JdbiStorage storage = org.wechatmp.admin.AdminTestDatabases.open(url, clock)) {
            String account = "acct" + UUID.randomUUID().toString().substring(0, 8);
            MenuDrafts drafts = new MenuDrafts(storage.jdbi(), clock);
            var menu = JSON.readTree("{\"button\":[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1\"}]}");
            assertThat(drafts.find(account, MenuDrafts.DEFAULT)).isEmpty();
            assertThat(drafts.save(account, MenuDrafts.DEFAULT, menu, 0, "ann")).isEqualTo(1);
            assertThat(drafts.save(account, MenuDrafts.DEFAULT, menu, 0, "bob")).isEqualTo(-1);
            assertThat(drafts.save(account, MenuDrafts.DEFAULT, menu, 1, "bob")).isEqualTo(2);
            assertThat(drafts.save(account, MenuDrafts.DEFAULT, menu, 1, "ann")).isEqualTo(-1);
            MenuDrafts.Draft d = drafts.find(account, MenuDrafts.DEFAULT).orElseThrow();
            assertThat(d.menu()).isEqualTo(menu);
            assertThat(d.editedBy()).isEqualTo("bob");
            assertThat(d.revision()).isEqualTo(2);
            assertThat(drafts.find(account, MenuDrafts.CONDITIONAL)).isEmpty();

            storage.menus().recordPublished(account, menu);
            drafts.published(account, "ann", null);
            storage.menus().recordPublished(account, menu);
            long first = storage.menus().publishedHistory(account, org.wechatmp.core.spi.PageRequest.first(10))
                    .items().get(1).id();
            drafts.published(account, "bob", first);
            List<Long> ids = storage.menus().publishedHistory(account, org.wechatmp.core.spi.PageRequest.first(10))
                    .items().stream().map(org.wechatmp.core.spi.PublishedMenu::id).toList();
            Map<Long, MenuDrafts.Publisher> by = drafts.publishers(account, ids);
            assertThat(by.get(ids.get(0))).isEqualTo(new MenuDrafts.Publisher("bob", first));
            assertThat(by.get(ids.get(1))).isEqualTo(new MenuDrafts.Publisher("ann", null));
            assertThat(drafts.version(account, first)).contains(menu);
            assertThat(drafts.version("other", first)).isEmpty();

            assertThat(storage.menus().published(account)).isPresent();
            drafts.forgetPublished(account);
            assertThat(storage.menus().published(account)).isEmpty();
            drafts.drop(account, MenuDrafts.DEFAULT);
            assertThat(drafts.find(account, MenuDrafts.DEFAULT)).isEmpty();
        }
    }
}
