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
 *       needs both to collide, about one chance in 2^128). Only the dedupe records' values (their replies) are
 *       objects.</li>
 *   <li>Entries live in primitive arrays (open addressing, linear probing), split into up to 64 stripes by hash, each
 *       under its own lock. There are no nodes and no queues for the collector to copy as the entries age (the
 *       previous map's per-entry objects all outlived young collections; their copying was most of its cost).</li>
 *   <li>An expired entry reads as absent at once and its slot is taken by the next write that probes past it. A stripe
 *       that fills up is rebuilt without its expired entries and, when more than 7/8 of its share of the bound is
 *       live, without its oldest down to half (so a stripe rebuilds at most once per eighth of its share, and once
 *       per half when the traffic outruns the bound: O(1) amortised). Its table grows and shrinks with what it
 *       holds.</li>
 * </ul>
 *
 * <p>A map smaller than 2,048 entries has one stripe, so "oldest first" is exact; a larger one evicts the oldest of
 * the stripe that is full, whose keys are a uniform share of all.
 *
 * @param <V> the value type ({@code null} values are not stored)
 */
final class ExpiringMap<V> {
    private static final int MIN_CAPACITY = 16;
    private static final Object PRESENT = new Object();

    private final Stripe[] stripes;
    private final LongSupplier millis;
    private final long seed1;
    private final long seed2;

    ExpiringMap(long maximumSize, LongSupplier millis) {
        this(maximumSize, millis, true);
    }

    /**
     * A map, or a set of keys.
     *
     * @param withValues {@code false} for a set of keys ({@link #addIfAbsent} only): the stripes then keep no value
     *     array at all (no reference stores, so no collector barrier work per write)
     */
    ExpiringMap(long maximumSize, LongSupplier millis, boolean withValues) {
        this.millis = millis;
        int n = (int) Math.min(64, Math.max(1, maximumSize / 1024));
        n = Integer.highestOneBit(n);
        long bound = Math.max(1, maximumSize / n);
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe(bound, withValues);
        }
        SplittableRandom random = new SplittableRandom();
        this.seed1 = random.nextLong();
        this.seed2 = random.nextLong();
    }

    /** Writes {@code value} unless a live entry holds the key; returns that entry's value, or {@code null}. */
    @SuppressWarnings("unchecked")
    V putIfAbsent(String key, V value, long expiresAtMillis) {
        long h1 = h1(key, null);
        long h2 = h2(key, null);
        Object held = stripe(h1).write(h1, h2, value, expiresAtMillis, millis.getAsLong(), false);
        return (V) held;
    }

    /** Writes the entry of a two-part key ({@code a}, {@code b}) unless a live one holds it; {@code true} if so. */
    boolean addIfAbsent(String a, String b, long expiresAtMillis) {
        long h1 = h1(a, b);
        long h2 = h2(a, b);
        return stripe(h1).write(h1, h2, PRESENT, expiresAtMillis, millis.getAsLong(), false) == null;
    }

    /** Writes an entry, replacing any (a replaced entry counts as a new write, for "oldest first"). */
    void put(String key, V value, long expiresAtMillis) {
        long h1 = h1(key, null);
        long h2 = h2(key, null);
        stripe(h1).write(h1, h2, value, expiresAtMillis, millis.getAsLong(), true);
    }

    /**
     * Replaces the value of a live entry in place when it has this expiry (no new write); {@code false} when there is
     * no such entry.
     */
    boolean replace(String key, V value, long expiresAtMillis) {
        long h1 = h1(key, null);
        long h2 = h2(key, null);
        return stripe(h1).replace(h1, h2, value, expiresAtMillis, millis.getAsLong());
    }

    /** The value of a live entry, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        long h1 = h1(key, null);
        long h2 = h2(key, null);
        return (V) stripe(h1).get(h1, h2, millis.getAsLong());
    }

    /** Live entries (counts every stripe: for tests). */
    long size() {
        long now = millis.getAsLong();
        long n = 0;
        for (Stripe s : stripes) {
            n += s.live(now);
        }
        return n;
    }

    /** The first of a key's two hashes (it also picks the stripe and the home slot). */
    private long h1(String a, String b) {
        return hash(seed1, 0x9E3779B97F4A7C15L, a, b);
    }

    /** The second, independent hash: a false match needs both to collide. */
    private long h2(String a, String b) {
        return hash(seed2, 0xC2B2AE3D27D4EB4FL, a, b);
    }

    private Stripe stripe(long h1) {
        return stripes[(int) (h1 >>> 40) & (stripes.length - 1)];
    }

    /** A seeded 64-bit hash of {@code a}, or of {@code a}, a separator and {@code b}. */
    private static long hash(long seed, long multiplier, String a, String b) {
        long h = seed;
        for (int i = 0, n = a.length(); i < n; i++) {
            h = (h ^ a.charAt(i)) * multiplier;
        }
        if (b != null) {
            h = (h ^ 0x10000) * multiplier; // not a char: "ab" + "c" and "a" + "bc" differ
            for (int i = 0, n = b.length(); i < n; i++) {
                h = (h ^ b.charAt(i)) * multiplier;
            }
        }
        // MurmurHash3's finaliser: every input bit reaches every output bit
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * One stripe: slots of four longs (hash 1, hash 2, expiry, write sequence) and their values. A slot with expiry 0
     * has never been used since the last rebuild (probing stops there); a used slot whose expiry has passed is free to
     * be taken but still continues probe chains.
     */
    private static final class Stripe {
        private final long bound;
        private final int maxCapacity;
        private long[] slots = new long[4 * MIN_CAPACITY];
        private Object[] values;
        private long[] spareSlots;
        private Object[] spareValues;
        private int used;
        private long sequence;

        Stripe(long bound, boolean withValues) {
            this.bound = bound;
            this.values = withValues ? new Object[MIN_CAPACITY] : null;
            long c = Long.highestOneBit(Math.max(MIN_CAPACITY, bound * 2 - 1)) << 1;
            this.maxCapacity = (int) Math.min(1 << 30, c);
        }

        private int capacity() {
            return slots.length >> 2;
        }

        private int find(long h1, long h2) {
            int mask = capacity() - 1;
            for (int i = (int) h1 & mask; ; i = (i + 1) & mask) {
                int b = i << 2;
                if (slots[b + 2] == 0) {
                    return -1;
                }
                if (slots[b] == h1 && slots[b + 1] == h2) {
                    return i;
                }
            }
        }

        synchronized Object get(long h1, long h2, long now) {
            int i = find(h1, h2);
            return i >= 0 && slots[(i << 2) + 2] > now ? value(i) : null;
        }

        synchronized boolean replace(long h1, long h2, Object value, long expires, long now) {
            int i = find(h1, h2);
            if (i < 0 || slots[(i << 2) + 2] <= now || slots[(i << 2) + 2] != Math.max(1, expires)) {
                return false;
            }
            if (values != null) {
                values[i] = value;
            }
            return true;
        }

        /** Writes unless live (or always, with {@code replace}); returns the live value kept, or {@code null}. */
        synchronized Object write(long h1, long h2, Object value, long expires, long now, boolean replace) {
            while (true) {
                int mask = capacity() - 1;
                int free = -1;
                int i = (int) h1 & mask;
                for (; ; i = (i + 1) & mask) {
                    int b = i << 2;
                    long e = slots[b + 2];
                    if (e == 0) {
                        break;
                    }
                    if (slots[b] == h1 && slots[b + 1] == h2) {
                        if (e > now && !replace) {
                            return value(i);
                        }
                        set(i, h1, h2, value, expires);
                        return null;
                    }
                    if (free < 0 && e <= now) {
                        free = i;
                    }
                }
                if (free >= 0) {
                    set(free, h1, h2, value, expires);
                    return null;
                }
                if (used + 1 <= Math.min(bound, capacity() / 2)) {
                    set(i, h1, h2, value, expires);
                    used++;
                    return null;
                }
                rebuild(now, used + 1 > bound);
            }
        }

        private void set(int i, long h1, long h2, Object value, long expires) {
            int b = i << 2;
            slots[b] = h1;
            slots[b + 1] = h2;
            slots[b + 2] = Math.max(1, expires); // 0 marks a slot never used; 1 is as expired
            slots[b + 3] = ++sequence;
            if (values != null) {
                values[i] = value;
            }
        }

        private Object value(int i) {
            return values == null ? PRESENT : values[i];
        }

        synchronized long live(long now) {
            long n = 0;
            for (int b = 2; b < slots.length; b += 4) {
                if (slots[b] > now) {
                    n++;
                }
            }
            return n;
        }

        /**
         * Moves the live entries into a table of at least four times their number (so that a quarter of it can be
         * written before the next rebuild); when the stripe is at its bound with more than 7/8 of it live, only the
         * newest half (sequences are given in write order: no sort; a write since replaced or expired leaves a gap,
         * and fewer are kept). The old table is cleared as it is read and kept as the spare for the next rebuild of
         * the same size.
         */
        private void rebuild(long now, boolean full) {
            long live = live(now);
            // only a stripe at its bound forgets live entries, and only when dropping the expired ones leaves less
            // than an eighth free (else that eighth is written before the next rebuild); then it keeps the newest half
            long keep = full && live > bound - Math.max(1, bound / 8) ? bound - Math.max(1, bound / 2)
                    : live;
            long oldestKept = keep < live ? sequence - keep + 1 : Long.MIN_VALUE;
            int capacity = (int) Math.min(maxCapacity, Math.max(MIN_CAPACITY, Long.highestOneBit(keep * 4 + 1) << 1));
            long[] oldSlots = slots;
            Object[] oldValues = values;
            int oldCapacity = capacity();
            if (spareSlots != null && spareSlots.length == 4 * capacity) {
                slots = spareSlots;
                values = spareValues;
            } else {
                slots = new long[4 * capacity];
                values = oldValues == null ? null : new Object[capacity];
            }
            used = 0;
            int mask = capacity - 1;
            for (int j = 0; j < oldCapacity; j++) {
                int ob = j << 2;
                long expires = oldSlots[ob + 2];
                if (expires > now && oldSlots[ob + 3] >= oldestKept) {
                    int i = (int) oldSlots[ob] & mask;
                    while (slots[(i << 2) + 2] != 0) {
                        i = (i + 1) & mask;
                    }
                    System.arraycopy(oldSlots, ob, slots, i << 2, 4);
                    if (values != null) {
                        values[i] = oldValues[j];
                    }
                    used++;
                }
                if (expires != 0) {
                    oldSlots[ob] = 0;
                    oldSlots[ob + 1] = 0;
                    oldSlots[ob + 2] = 0;
                    oldSlots[ob + 3] = 0;
                    if (oldValues != null) {
                        oldValues[j] = null;
                    }
                }
            }
            if (oldCapacity == capacity) {
                spareSlots = oldSlots;
                spareValues = oldValues;
            } else {
                spareSlots = null;
                spareValues = null;
            }
        }
    }
}
