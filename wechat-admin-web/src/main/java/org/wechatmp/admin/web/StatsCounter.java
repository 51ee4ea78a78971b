package org.wechatmp.admin.web;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.message.ClickEvent;
import org.wechatmp.core.message.ScanEvent;
import org.wechatmp.core.message.SubscribeEvent;
import org.wechatmp.core.message.TextMessage;
import org.wechatmp.core.message.UnsubscribeEvent;
import org.wechatmp.core.message.WeChatMessage;

/**
 * Counts callbacks into {@code wx_stat_day} (per account, kind, day and item) and follows through a QR code into
 * {@code wx_qr_follower}. The callback only bumps an in-memory counter; a background thread writes the sums once a
 * second, so the database is never on the callback's path and a burst of messages is a handful of updates.
 */
final class StatsCounter implements CallbackListener, AutoCloseable {
    static final String MSG = "msg";
    static final String SUB = "sub";
    static final String UNSUB = "unsub";
    static final String KEYWORD = "keyword";
    static final String CLICK = "click";
    static final String SCAN = "scan";
    static final String QR_SUB = "qrsub";
    private static final Logger LOG = LoggerFactory.getLogger(StatsCounter.class);
    private static final int KEYWORD_CHARS = 32;
    private static final int MAX_FAILURES = 60;

    private record Key(String account, String kind, int day, String item) {
    }

    private record Follow(String account, String scene, String openid, long at) {
    }

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    /** Flushes failed in a row; past {@link #MAX_FAILURES} the counts are dropped rather than kept forever. */
    private int failures;
    private final ConcurrentLinkedQueue<Follow> follows = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService flusher;
    private final StatsLogReader log;

    StatsCounter(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
        this.log = new StatsLogReader(jdbi, zone);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wechat-admin-stats");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
        flusher.scheduleWithFixedDelay(this::readLogQuietly, 2, 5, TimeUnit.SECONDS);
    }

    private void readLogQuietly() {
        try {
            log.catchUp();
        } catch (RuntimeException e) {
            LOG.warn("reading the message log into the handler counts failed; retried in 5 s: {}", e.getMessage());
        }
    }

    @Override
    public void received(MessageContext context) {
        count(context.account().name(), context.message());
    }

    /** Counts one message (once per message: {@link #received} is not called again for a redelivery). */
    void count(String account, WeChatMessage m) {
        int day = (int) LocalDate.ofInstant(m.createTime(), zone).toEpochDay();
        bump(account, MSG, day, cut(m.msgType().toLowerCase(Locale.ROOT), 64));
        if (m instanceof TextMessage t) {
            String k = keyword(t.content());
            if (!k.isEmpty()) {
                bump(account, KEYWORD, day, k);
            }
        } else if (m instanceof ClickEvent c) {
            bump(account, CLICK, day, cut(c.key(), 64));
        } else if (m instanceof ScanEvent s && !s.scene().isEmpty()) {
            bump(account, SCAN, day, cut(s.scene(), 64));
        } else if (m instanceof SubscribeEvent s) {
            bump(account, SUB, day, "");
            if (s.isScan() && !s.scene().isEmpty() && !m.fromUserName().isEmpty()) {
                bump(account, QR_SUB, day, cut(s.scene(), 64));
                follows.add(new Follow(account, cut(s.scene(), 64), cut(m.fromUserName(), 64),
                        m.createTime().toEpochMilli()));
            }
        } else if (m instanceof UnsubscribeEvent) {
            bump(account, UNSUB, day, "");
        }
    }

    /** A text message as a keyword: trimmed, lower case, inner white space as one space, at most 32 characters. */
    static String keyword(String content) {
        String k = content == null ? "" : content.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return cut(k, KEYWORD_CHARS);
    }

    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    private void bump(String account, String kind, int day, String item) {
        pending.merge(new Key(account, kind, day, item), 1L, Long::sum);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("writing the admin's statistics failed; retried in a second: {}", e.getMessage());
        }
    }

    /** Writes what was counted since the last flush. */
    synchronized void flush() {
        List<Map.Entry<Key, Long>> batch = new ArrayList<>();
        for (Key k : new ArrayList<>(pending.keySet())) {
            Long n = pending.remove(k); // atomic with merge: a count made meanwhile starts a new entry
            if (n != null && n > 0) {
                batch.add(Map.entry(k, n));
            }
        }
        List<Follow> fs = new ArrayList<>();
        for (Follow f; (f = follows.poll()) != null;) {
            fs.add(f);
        }
        if (batch.isEmpty() && fs.isEmpty()) {
            return;
        }
        try {
            // one transaction: all of the batch or none of it (then it is put back whole, never counted twice; on
            // PostgreSQL a first-insert race with another node aborts it, and the next flush's update succeeds)
            jdbi.useTransaction(h -> {
                for (Map.Entry<Key, Long> e : batch) {
                    add(h, e.getKey(), e.getValue());
                }
                for (Follow f : fs) {
                    follow(h, f);
                }
            });
        } catch (RuntimeException e) {
            // put the counts back for the next flush, unless the database has refused them for a minute
            if (++failures < MAX_FAILURES) {
                for (Map.Entry<Key, Long> b : batch) {
                    pending.merge(b.getKey(), b.getValue(), Long::sum);
                }
                follows.addAll(fs);
            } else {
                LOG.error("dropping {} statistics counts and {} QR follows after {} failed writes", batch.size(),
                        fs.size(), failures);
                failures = 0;
            }
            throw e;
        }
        failures = 0;
    }

    private static void add(Handle h, Key k, long n) {
        add(h, k.account(), k.kind(), k.day(), k.item(), n);
    }

    /** Adds to a day counter (an update, or an insert for its first count). */
    static void add(Handle h, String account, String kind, int day, String item, long n) {
        for (int attempt = 0; ; attempt++) {
            int updated = h.createUpdate("UPDATE wx_stat_day SET hits = hits + :n WHERE account = :a AND kind = :k "
                    + "AND stat_day = :d AND item = :i").bind("n", n).bind("a", account).bind("k", kind)
                    .bind("d", day).bind("i", item).execute();
            if (updated > 0) {
                return;
            }
            try {
                h.createUpdate("INSERT INTO wx_stat_day (account, kind, stat_day, item, hits) VALUES (:a, :k, :d, :i, "
                        + ":n)").bind("n", n).bind("a", account).bind("k", kind).bind("d", day)
                        .bind("i", item).execute();
                return;
            } catch (RuntimeException e) {
                if (attempt > 2 || !duplicate(e)) {
                    throw e;
                }
            }
        }
    }

    private static void follow(Handle h, Follow f) {
        boolean known = h.createQuery("SELECT COUNT(*) FROM wx_qr_follower WHERE account = :a AND scene = :s AND "
                + "openid = :o").bind("a", f.account()).bind("s", f.scene()).bind("o", f.openid()).mapTo(Long.class)
                .one() > 0;
        if (known) {
            return;
        }
        try {
            h.createUpdate("INSERT INTO wx_qr_follower (account, scene, openid, followed_at) VALUES (:a, :s, :o, :t)")
                    .bind("a", f.account()).bind("s", f.scene()).bind("o", f.openid()).bind("t", f.at()).execute();
        } catch (RuntimeException e) {
            if (!duplicate(e)) {
                throw e;
            }
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the last statistics were not written: {}", e.getMessage());
        }
    }
}
