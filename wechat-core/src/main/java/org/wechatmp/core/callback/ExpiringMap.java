package org.wechatmp.core.callback;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A bounded map of short-lived entries, for nonces and dedupe records: each is written once (or replaced whole), read
 * at most a few times within seconds, and forgotten when it expires or, past the bound, oldest first. The callback
 * writes one nonce and one dedupe record per delivery, so this is on the path of every message; it is built to cost
 * neither allocation nor garbage collection per entry:
 *
 * <ul>
 *   <li>A key is not kept: it is stored as two independent 64-bit hashes, seeded at random per map (a false match
 *       needs both to collide, about one chance in 2^128). A record's reply is kept as UTF-8 bytes in its stripe's
 *       {@link ReplyArena}: no entry is an object.</li>
 *   <li>Entries live in primitive arrays (open addressing, linear probing), split into up to 64 stripes by hash, each
 *       under its own lock. There are no nodes and no queues for the collector to copy as the entries age (the
 *       previous map's per-entry objects all outlived young collections; their copying was most of its cost).</li>
 *   <li>An expired entry reads as absent at once. A stripe that fills up is rebuilt in place without its expired
 *       entries and, when more than 7/8 of its share of the bound is live, without its oldest down to half (so a
 *       stripe rebuilds at most once per eighth of its share, and once per half when the traffic outruns the bound:
 *       O(1) amortised). Its table grows and shrinks with what it holds.</li>
 * </ul>
 *
 * <p>A map smaller than 2,048 entries has one stripe, so "oldest first" is exact; a larger one evicts the oldest of
 * the stripe that is full, whose keys are a uniform share of all.
 */
final class ExpiringMap {
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    private final ExpiringStripe[] stripes;
    private final LongSupplier millis;
    private final long seed1;
    private final long seed2;

    /**
     * A map of dedupe records, or a set of keys.
     *
     * @param replyBytes {@code 0} for a set of keys ({@link #addIfAbsent} only; the stripes then keep no values);
     *     else the most bytes of replies held (past them the oldest replies go, and their records with them)
     */
    ExpiringMap(long maximumSize, LongSupplier millis, long replyBytes) {
        this.millis = millis;
        int n = (int) Math.min(64, Math.max(1, maximumSize / 1024));
        n = Integer.highestOneBit(n);
        long bound = Math.max(1, maximumSize / n);
        this.stripes = new ExpiringStripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new ExpiringStripe(bound, replyBytes <= 0 ? null : new ReplyArena(replyBytes / n));
        }
        SplittableRandom random = new SplittableRandom();
        this.seed1 = random.nextLong();
        this.seed2 = random.nextLong();
    }

    /** Writes {@code value} unless a live entry holds the key; returns that entry's value, or {@code null}. */
    Deduplicator.Status putIfAbsent(String key, Deduplicator.Status value, long expiresAtMillis) {
        Key k = key(key, null);
        return stripe(k.h1).write(k.h1, k.h2, value, expiresAtMillis, millis.getAsLong(), false);
    }

    /** Writes the entry of a two-part key ({@code a}, {@code b}) unless a live one holds it; {@code true} if so. */
    boolean addIfAbsent(String a, String b, long expiresAtMillis) {
        Key k = key(a, b);
        return stripe(k.h1).write(k.h1, k.h2, null, expiresAtMillis, millis.getAsLong(), false) == null;
    }

    /** Writes an entry, replacing any (a replaced entry counts as a new write, for "oldest first"). */
    void put(String key, Deduplicator.Status value, long expiresAtMillis) {
        Key k = key(key, null);
        stripe(k.h1).write(k.h1, k.h2, value, expiresAtMillis, millis.getAsLong(), true);
    }

    /**
     * Replaces the value of a live entry in place when it has this expiry (no new write); {@code false} when there is
     * no such entry.
     */
    boolean replace(String key, Deduplicator.Status value, long expiresAtMillis) {
        Key k = key(key, null);
        return stripe(k.h1).replace(k.h1, k.h2, value, expiresAtMillis, millis.getAsLong());
    }

    /** The value of a live entry, or {@code null}. */
    Deduplicator.Status get(String key) {
        Key k = key(key, null);
        return stripe(k.h1).get(k.h1, k.h2, millis.getAsLong());
    }

    /** Live entries (counts every stripe: for tests). */
    long size() {
        long now = millis.getAsLong();
        long n = 0;
        for (ExpiringStripe s : stripes) {
            n += s.liveCount(now);
        }
        return n;
    }

    private ExpiringStripe stripe(long h1) {
        return stripes[(int) (h1 >>> 40) & (stripes.length - 1)];
    }

    /** A key's two hashes: the first picks the stripe and the home slot; a false match needs both to collide. */
    private record Key(long h1, long h2) {
    }

    /**
     * The two seeded 64-bit hashes of {@code a}, or of {@code a}, a separator and {@code b}, in one pass (the two
     * multiply chains are independent, so the processor runs them side by side).
     */
    private Key key(String a, String b) {
        long x = seed1;
        long y = seed2;
        for (int i = 0, n = a.length(); i < n; i++) {
            char c = a.charAt(i);
            x = (x ^ c) * M1;
            y = (y ^ c) * M2;
        }
        if (b != null) {
            x = (x ^ 0x10000) * M1; // not a char: "ab" + "c" and "a" + "bc" differ
            y = (y ^ 0x10000) * M2;
            for (int i = 0, n = b.length(); i < n; i++) {
                char c = b.charAt(i);
                x = (x ^ c) * M1;
                y = (y ^ c) * M2;
            }
        }
        return new Key(mix(x), mix(y));
    }

    /** MurmurHash3's finaliser: every input bit reaches every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
