package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.spi.FollowerQuery;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.spi.WeChatUser;

/** The CSV export: formula-like cells defused, quoting, and every row read in chunks by openid. */
class FollowerCsvTest {
    @Test
    void formulaLikeCellsArePrefixedAndSpecialCharactersQuoted() {
        assertThat(FollowerCsv.cell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(FollowerCsv.cell("+86 123")).isEqualTo("'+86 123");
        assertThat(FollowerCsv.cell("-1")).isEqualTo("'-1");
        assertThat(FollowerCsv.cell("@cmd")).isEqualTo("'@cmd");
        assertThat(FollowerCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(FollowerCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(FollowerCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(FollowerCsv.cell("=1,\"2\"")).isEqualTo("\"'=1,\"\"2\"\"\"");
        assertThat(FollowerCsv.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(FollowerCsv.cell("张伟")).isEqualTo("张伟");
        assertThat(FollowerCsv.cell("")).isEmpty();
    }

    @Test
    void everyMatchingFollowerIsWrittenAcrossChunks() throws Exception {
        InMemoryUserRepository users = new InMemoryUserRepository();
        List<WeChatUser> all = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 2_345; i++) {
            all.add(new WeChatUser(String.format("o%05d", i), null, i % 2 == 0 ? "张" + i : "=x" + i, null, 1, null,
                    null, null, null, i % 3 != 0, t.plusSeconds(i), null, 0, null, null, null, List.of(), t, t));
        }
        users.saveAll("a", all);
        StringWriter out = new StringWriter();
        long rows = FollowerCsv.write(users, null, "a", FollowerQuery.builder().subscribed(true).build(), Map.of(),
                ZoneOffset.UTC, out);
        String[] lines = out.toString().split("\r\n");
        long expected = all.stream().filter(u -> u.subscribed()).count();
        assertThat(rows).isEqualTo(expected);
        assertThat(lines).hasSize((int) expected + 1);
        assertThat(lines[0]).startsWith("\uFEFFopenid,");
        assertThat(lines[1]).startsWith("o00001,,'=x1,");
        assertThat(lines[lines.length - 1]).startsWith("o02344,,张2344,");
    }
}
