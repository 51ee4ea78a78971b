package org.wechatmp.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ring of reply bytes behind the in-memory dedupe records: a reply reads back whole, or not at all. */
class ReplyArenaTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void repliesReadBackExactlyWhateverTheirCharacters() {
        ReplyArena arena = new ReplyArena(1 << 20);
        String[] replies = {"<xml><Content><![CDATA[你好，世界]]></Content></xml>", "a", "😀 emoji 🎉", "x".repeat(10_000)};
        long[] at = new long[replies.length];
        for (int i = 0; i < replies.length; i++) {
            at[i] = arena.append(utf8(replies[i]));
        }
        for (int i = 0; i < replies.length; i++) {
            assertThat(arena.holds(at[i])).isTrue();
            assertThat(arena.read(at[i], utf8(replies[i]).length)).isEqualTo(replies[i]);
        }
    }

    @Test
    void theRingGrowsRatherThanOverwriteARepliesKeptAndKeepsTheirPositions() {
        ReplyArena arena = new ReplyArena(1 << 20);
        List<Long> at = new ArrayList<>();
        // nothing kept was told yet: every reply is protected, so the ring grows from 4 KiB past 100 KiB
        for (int i = 0; i < 1_000; i++) {
            at.add(arena.append(utf8(String.format("<reply %04d/>", i).repeat(10))));
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(arena.holds(at.get(i))).as("reply " + i).isTrue();
            assertThat(arena.read(at.get(i), 130)).isEqualTo(String.format("<reply %04d/>", i).repeat(10));
        }
    }

    @Test
    void atItsLimitTheOldestRepliesGoAndNeverReadAsAnotherOne() {
        ReplyArena arena = new ReplyArena(8192);
        arena.kept(ReplyArena.NONE);
        List<Long> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String reply = "r" + i + "-" + "y".repeat(i % 97);
            text.add(reply);
            at.add(arena.append(utf8(reply)));
        }
        int held = 0;
        for (int i = 0; i < 500; i++) {
            if (arena.holds(at.get(i))) {
                held++;
                assertThat(arena.read(at.get(i), utf8(text.get(i)).length)).isEqualTo(text.get(i));
            }
        }
        assertThat(arena.holds(at.get(0))).isFalse();
        assertThat(arena.holds(at.get(499))).isTrue();
        assertThat(held).isBetween(50, 499);
    }

    @Test
    void aReplyOverwrittenBeforeTheRingGrewIsStillGone() {
        ReplyArena arena = new ReplyArena(1 << 16);
        long first = arena.append(utf8("first".repeat(100)));
        arena.kept(ReplyArena.NONE); // the first reply's record is gone: it may be overwritten
        long kept = ReplyArena.NONE;
        for (int i = 0; i < 20; i++) {
            long p = arena.append(utf8("z".repeat(500)));
            if (i == 12) {
                kept = p;
            }
        }
        assertThat(arena.holds(first)).isFalse(); // 4 KiB ring, 10 KB written since
        arena.kept(kept);
        for (int i = 0; i < 20; i++) {
            arena.append(utf8("w".repeat(500))); // overwriting `kept` would be next: the ring doubles instead
        }
        assertThat(arena.holds(kept)).isTrue();
        assertThat(arena.read(kept, 500)).isEqualTo("z".repeat(500));
        assertThat(arena.holds(first)).isFalse();
    }

    @Test
    void aReplyLongerThanTheWholeRingIsNotHeld() {
        ReplyArena arena = new ReplyArena(4096);
        assertThat(arena.holds(arena.append(new byte[5000]))).isFalse();
        long small = arena.append(utf8("ok"));
        assertThat(arena.read(small, 2)).isEqualTo("ok");
    }

    @Test
    void randomSizesAndRebuildsNeverReadBackWrongBytes() {
        SplittableRandom random = new SplittableRandom(7);
        ReplyArena arena = new ReplyArena(1 << 15);
        List<Long> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String reply = i + ":" + "abcdefghij".repeat(random.nextInt(0, 120));
            text.add(reply);
            at.add(arena.append(utf8(reply)));
            if (random.nextInt(50) == 0) {
                // a rebuild kept the records of the last few hundred replies
                int from = Math.max(0, i - random.nextInt(1, 400));
                arena.kept(at.get(from));
            }
            assertThat(arena.holds(at.get(i))).isTrue();
        }
        for (int i = 0; i < at.size(); i++) {
            if (arena.holds(at.get(i))) {
                assertThat(arena.read(at.get(i), utf8(text.get(i)).length)).isEqualTo(text.get(i));
            }
        }
    }
}
