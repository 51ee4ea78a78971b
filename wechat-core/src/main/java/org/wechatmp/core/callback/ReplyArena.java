package org.wechatmp.core.callback;

import java.nio.charset.StandardCharsets;

/**
 * The reply bytes of one {@link ExpiringMap} stripe's dedupe records, in one ring of bytes instead of a string per
 * record: a record holds only a position and a length, so the replies it keeps are no objects the collector copies
 * as they age (every reply held by a record used to outlive a few young collections, and their copying was most of
 * the collector's time under distinct deliveries).
 *
 * <p>A reply is written whole after the last one (a reply that would not fit before the ring's end starts again at
 * its beginning); positions are counted from the ring's first byte ever written, so a reply is still held while
 * fewer than the ring's length of bytes were written after its start. Before the ring would overwrite a reply of a
 * record kept at the stripe's last rebuild, it doubles, up to {@code maxBytes}; at that size the oldest replies are
 * overwritten, and their records read as absent (as if evicted). Not thread-safe: the stripe's lock guards it.
 */
final class ReplyArena {
    private static final int MIN_BYTES = 4096;
    /** A reply's length shifted left by two still fits an int. */
    private static final int MAX_BYTES = 1 << 28;
    /** No reply is held at this position. */
    static final long NONE = Long.MIN_VALUE;

    private final int maxBytes;
    private byte[] bytes;
    private long written;
    /** Bytes before this position are gone, whatever the ring's length now (it grew after they were overwritten). */
    private long validFrom;
    /** The records kept at the last rebuild hold no reply before this position. */
    private long keptFrom;

    /** @param maxBytes the most bytes held (rounded up to a power of two, at most 256 MiB) */
    ReplyArena(long maxBytes) {
        long bytes = Math.min(MAX_BYTES, Math.max(MIN_BYTES, maxBytes));
        this.maxBytes = (int) (Long.highestOneBit(bytes - 1) << 1);
    }

    /**
     * Writes a reply's UTF-8 bytes.
     *
     * @return its position, or {@link #NONE} when it is longer than the whole ring
     */
    long append(byte[] reply) {
        int len = reply.length;
        if (len > maxBytes) {
            return NONE;
        }
        if (bytes == null) {
            bytes = new byte[(int) Math.min(maxBytes, Math.max(MIN_BYTES, Long.highestOneBit(2L * len) << 1))];
        }
        while (true) {
            int capacity = bytes.length;
            int at = (int) (written & (capacity - 1));
            long start = at + len > capacity ? written + (capacity - at) : written;
            // writing [start, start + len) overwrites what was written at [start - capacity, start + len - capacity)
            if (start + len - capacity > keptFrom && capacity < maxBytes) {
                grow();
                continue;
            }
            System.arraycopy(reply, 0, bytes, (int) (start & (capacity - 1)), len);
            written = start + len;
            return start;
        }
    }

    /** Whether the reply written at {@code position} is still there. */
    boolean holds(long position) {
        return position != NONE && bytes != null && position >= Math.max(validFrom, written - bytes.length);
    }

    /** The reply of {@code length} bytes written at {@code position} (which {@link #holds}). */
    String read(long position, int length) {
        return new String(bytes, (int) (position & (bytes.length - 1)), length, StandardCharsets.UTF_8);
    }

    /**
     * Told at a rebuild where the oldest reply of the records kept starts ({@link #NONE} if none holds one): the ring
     * grows rather than overwrite it.
     */
    void kept(long oldestPosition) {
        keptFrom = oldestPosition == NONE ? written : oldestPosition;
    }

    /** Doubles the ring; every byte still held keeps its position (a reply never spans the new ring's end). */
    private void grow() {
        byte[] old = bytes;
        int oldCapacity = old.length;
        bytes = new byte[oldCapacity * 2];
        long from = Math.max(0, written - oldCapacity);
        validFrom = Math.max(validFrom, from);
        while (from < written) {
            long end = Math.min(written, (from | (oldCapacity - 1)) + 1);
            System.arraycopy(old, (int) (from & (oldCapacity - 1)), bytes, (int) (from & (bytes.length - 1)),
                    (int) (end - from));
            from = end;
        }
    }
}
