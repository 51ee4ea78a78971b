package org.wechatmp.core.callback;

import java.nio.charset.StandardCharsets;

/**
 * One stripe of an {@link ExpiringMap}, under its own lock: slots of four longs (hash 1, hash 2, expiry, write
 * sequence); for dedupe records, their state and reply (position and length in the stripe's {@link ReplyArena}); and
 * a byte per slot: 0 for an empty slot, else a tag of 8 bits of hash 2. Probing reads only the tags (a few KB, which
 * stay in the processor's cache), and a slot's longs only when its tag matches: a new key costs one write to its slot
 * and no read of the table, wherever that lies in memory. An expired entry stays until the next rebuild.
 */
final class ExpiringStripe {
    private static final int MIN_CAPACITY = 16;
    private static final Deduplicator.State[] STATES = Deduplicator.State.values();
    /** Each state with an empty reply (the usual case: no object is made to read it). */
    private static final Deduplicator.Status[] EMPTY = {new Deduplicator.Status(STATES[0], ""),
            new Deduplicator.Status(STATES[1], ""), new Deduplicator.Status(STATES[2], "")};
    private static final byte[] NO_BYTES = {};

    private final long bound;
    private final int maxCapacity;
    private final ReplyArena arena;
    private long[] slots = new long[4 * MIN_CAPACITY];
    private byte[] tags = new byte[MIN_CAPACITY];
    /** Per slot of a record: where its reply starts in the arena. */
    private long[] positions;
    /** Per slot of a record: its reply's length in bytes shifted left by 2, and its state in the two low bits. */
    private int[] meta;
    private int used;
    private long sequence;
    /** No entry expires before this (a lower bound): until then a rebuild need not count the live entries. */
    private long earliestExpiry = Long.MAX_VALUE;

    ExpiringStripe(long bound, ReplyArena arena) {
        this.arena = arena;
        this.bound = Math.min(bound, 1 << 27); // 4 longs per slot, at most 8/7 of the bound: an array still fits
        this.maxCapacity = (int) ceilingPowerOfTwo(this.bound + this.bound / 7 + 1);
        if (arena != null) {
            positions = new long[MIN_CAPACITY];
            meta = new int[MIN_CAPACITY];
        }
    }

    private static byte tag(long h2) {
        byte t = (byte) (h2 >>> 56);
        return t == 0 ? 1 : t;
    }

    /** The key's slot, or {@code -1 - e} when it is absent, {@code e} being the empty slot that ended the probe. */
    private int find(long h1, long h2) {
        byte tag = tag(h2);
        int mask = tags.length - 1;
        for (int i = (int) h1 & mask; ; i = (i + 1) & mask) {
            byte t = tags[i];
            if (t == 0) {
                return -1 - i;
            }
            if (t == tag && slots[i << 2] == h1 && slots[(i << 2) + 1] == h2) {
                return i;
            }
        }
    }

    /** Whether slot {@code i} holds a live entry (not expired, and its reply not overwritten). */
    private boolean live(int i, long now) {
        return slots[(i << 2) + 2] > now && (arena == null || meta[i] < 4 || arena.holds(positions[i]));
    }

    synchronized Deduplicator.Status get(long h1, long h2, long now) {
        int i = find(h1, h2);
        return i >= 0 && live(i, now) ? value(i) : null;
    }

    synchronized boolean replace(long h1, long h2, Deduplicator.Status value, long expires, long now) {
        int i = find(h1, h2);
        if (i < 0 || !live(i, now) || slots[(i << 2) + 2] != Math.max(1, expires)) {
            return false;
        }
        setValue(i, value);
        return true;
    }

    /**
     * Writes unless live (or always, with {@code replace}); returns the live value kept, or {@code null} (a key of a
     * set, which has no value, returns a status with no reply).
     */
    synchronized Deduplicator.Status write(long h1, long h2, Deduplicator.Status value, long expires, long now,
            boolean replace) {
        while (true) {
            int i = find(h1, h2);
            if (i >= 0) {
                if (!replace && live(i, now)) {
                    return value(i);
                }
                set(i, h1, h2, value, expires);
                return null;
            }
            if (used + 1 <= Math.min(bound, tags.length - tags.length / 8)) {
                set(-1 - i, h1, h2, value, expires);
                used++;
                return null;
            }
            rebuild(now, used + 1 > bound);
        }
    }

    private void set(int i, long h1, long h2, Deduplicator.Status value, long expires) {
        int b = i << 2;
        long e = Math.max(1, expires); // 1 is as expired
        tags[i] = tag(h2);
        slots[b] = h1;
        slots[b + 1] = h2;
        slots[b + 2] = e;
        slots[b + 3] = ++sequence;
        if (arena != null) {
            setValue(i, value);
        }
        if (e < earliestExpiry) {
            earliestExpiry = e;
        }
    }

    private void setValue(int i, Deduplicator.Status value) {
        byte[] reply = value.reply().isEmpty() ? NO_BYTES : value.reply().getBytes(StandardCharsets.UTF_8);
        positions[i] = reply.length == 0 ? ReplyArena.NONE : arena.append(reply);
        meta[i] = reply.length << 2 | value.state().ordinal();
    }

    private Deduplicator.Status value(int i) {
        if (arena == null) {
            return EMPTY[0];
        }
        int m = meta[i];
        Deduplicator.State state = STATES[m & 3];
        return m < 4 ? EMPTY[state.ordinal()] : new Deduplicator.Status(state, arena.read(positions[i], m >>> 2));
    }

    synchronized long liveCount(long now) {
        long n = 0;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] != 0 && slots[(i << 2) + 2] > now) {
                n++;
            }
        }
        return n;
    }

    /**
     * Drops the expired entries and, when the stripe is at its bound with more than 7/8 of it live, the oldest
     * down to half (sequences are given in write order: no sort; a write since replaced or expired leaves a gap,
     * and fewer are kept). What is kept needs a table of at least twice its number (so that as many again, less
     * an eighth, can be written before the next rebuild); the entries are compacted in place unless the table
     * must grow, or could shrink to a quarter, when they move into a new one. The live entries are counted first
     * only if one may have expired. The arena is told the oldest reply kept.
     */
    private void rebuild(long now, boolean full) {
        long live = now < earliestExpiry ? used : liveCount(now);
        long keep = full && live > bound - Math.max(1, bound / 8) ? bound - Math.max(1, bound / 2) : live;
        long oldestKept = keep < live ? sequence - keep + 1 : Long.MIN_VALUE;
        int capacity = (int) Math.min(maxCapacity, ceilingPowerOfTwo(2 * keep + 1));
        if (capacity > tags.length || capacity <= tags.length / 4) {
            move(now, oldestKept, capacity);
        } else {
            compact(now, oldestKept);
        }
    }

    /** The older of two reply positions, {@link ReplyArena#NONE} (no reply yet) counting as none. */
    private static long older(long oldest, long position) {
        return oldest == ReplyArena.NONE ? position : Math.min(oldest, position);
    }

    private static long ceilingPowerOfTwo(long n) {
        return Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /** Moves the entries kept into a new table of {@code capacity} slots (growing or shrinking). */
    private void move(long now, long oldestKept, int capacity) {
        long[] oldSlots = slots;
        byte[] oldTags = tags;
        long[] oldPositions = positions;
        int[] oldMeta = meta;
        slots = new long[4 * capacity];
        tags = new byte[capacity];
        if (arena != null) {
            positions = new long[capacity];
            meta = new int[capacity];
        }
        int mask = capacity - 1;
        int n = 0;
        long earliest = Long.MAX_VALUE;
        long oldestReply = ReplyArena.NONE;
        for (int j = 0; j < oldTags.length; j++) {
            int ob = j << 2;
            long expires = oldSlots[ob + 2];
            if (oldTags[j] == 0 || expires <= now || oldSlots[ob + 3] < oldestKept
                    || arena != null && oldMeta[j] >= 4 && !arena.holds(oldPositions[j])) {
                continue;
            }
            int i = (int) oldSlots[ob] & mask;
            while (tags[i] != 0) {
                i = (i + 1) & mask;
            }
            System.arraycopy(oldSlots, ob, slots, i << 2, 4);
            tags[i] = oldTags[j];
            if (arena != null) {
                positions[i] = oldPositions[j];
                meta[i] = oldMeta[j];
                if (oldMeta[j] >= 4) {
                    oldestReply = older(oldestReply, oldPositions[j]);
                }
            }
            n++;
            earliest = Math.min(earliest, expires);
        }
        used = n;
        earliestExpiry = earliest;
        if (arena != null) {
            arena.kept(oldestReply);
        }
    }

    /**
     * Removes the entries not kept and closes the gaps, in one pass in probe order from an empty slot (there is
     * always one: the table is at most 7/8 full). Each kept entry moves to the first empty slot from its home
     * slot; all slots between its home and its place were taken before, and those still taken stay so, so it
     * never moves forward and no probe chain is broken. Sequential, and no second table.
     */
    private void compact(long now, long oldestKept) {
        int capacity = tags.length;
        int mask = capacity - 1;
        int start = 0;
        while (tags[start] != 0) {
            start++;
        }
        int n = 0;
        long earliest = Long.MAX_VALUE;
        long oldestReply = ReplyArena.NONE;
        for (int k = 1; k < capacity; k++) {
            int i = (start + k) & mask;
            if (tags[i] == 0) {
                continue;
            }
            int b = i << 2;
            if (!live(i, now) || slots[b + 3] < oldestKept) {
                tags[i] = 0;
                continue;
            }
            n++;
            earliest = Math.min(earliest, slots[b + 2]);
            if (arena != null && meta[i] >= 4) {
                oldestReply = older(oldestReply, positions[i]);
            }
            int j = (int) slots[b] & mask;
            while (j != i && tags[j] != 0) {
                j = (j + 1) & mask;
            }
            if (j != i) {
                System.arraycopy(slots, b, slots, j << 2, 4);
                tags[j] = tags[i];
                tags[i] = 0;
                if (arena != null) {
                    positions[j] = positions[i];
                    meta[j] = meta[i];
                }
            }
        }
        used = n;
        earliestExpiry = earliest;
        if (arena != null) {
            arena.kept(oldestReply);
        }
    }
}
