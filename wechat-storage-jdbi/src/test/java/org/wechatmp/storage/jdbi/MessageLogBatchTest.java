package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.spi.PageRequest;

/**
 * A full batch of the message log (1,000 entries, as the pipeline's writer sends them) is stored exactly, whatever
 * its text holds: quotes, commas, line breaks, tabs, backslashes, CSV and COPY markers, non-ASCII (PostgreSQL loads
 * it with COPY in CSV form, the others with a batched insert).
 */
class MessageLogBatchTest {
    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aThousandEntriesWithAwkwardTextComeBackExactlyAndInOrder(Databases.Db db) {
        String[] awkward = {"<xml>\"quoted\", with comma</xml>", "line\nbreak\r\nand\ttab", "back\\slash \\N \\.",
            "\\.\n", "", "微信 😀 ñ", "\"", ",,,", "<![CDATA[a\"b]]>"};
        try (JdbiStorage s = Databases.fresh(db)) {
            List<MessageLogEntry> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String text = awkward[i % awkward.length];
                batch.add(new MessageLogEntry("demo", i % 2 == 0 ? MessageLogEntry.Direction.IN
                        : MessageLogEntry.Direction.OUT, 1_000_000L + i, "oU" + i, "text", i % 3 == 0 ? "" : "CLICK",
                        "h\"," + i, text + " #" + i, T.plusMillis(i)));
            }
            s.messageLog().append(batch);
            List<MessageLogEntry> back = new ArrayList<>();
            String cursor = null;
            do {
                var page = s.messageLog().query("demo", MessageLogQuery.builder()
                        .page(cursor == null ? PageRequest.first(200) : PageRequest.first(200).after(cursor)).build());
                page.items().stream().map(LoggedMessage::entry).forEach(back::add);
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(back).hasSize(1_000);
            // newest first
            for (int i = 0; i < 1_000; i++) {
                MessageLogEntry want = batch.get(999 - i);
                MessageLogEntry got = back.get(i);
                assertThat(got.xml()).isEqualTo(want.xml());
                assertThat(got.handler()).isEqualTo(want.handler());
                assertThat(got.event()).isEqualTo(want.event());
                assertThat(got.msgId()).isEqualTo(want.msgId());
                assertThat(got.direction()).isEqualTo(want.direction());
                assertThat(got.createdAt()).isEqualTo(want.createdAt());
            }
        }
    }
}
