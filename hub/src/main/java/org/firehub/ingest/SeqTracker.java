package org.firehub.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.firehub.device.DeviceId;

/**
 * Tells a device's redelivered messages from new ones by their {@code seq}, and counts the
 * seqs a device skipped.
 *
 * <p>Per device it keeps the highest seq seen and a bitmap of which of the last
 * {@code window} seqs were seen, so memory per device is fixed (a few dozen bytes) however
 * long the device lives. A seq:
 * <ul>
 *   <li>above the highest is new; the seqs jumped over are reported as a gap;</li>
 *   <li>inside the window is new unless its bit is set (then: duplicate);</li>
 *   <li>at or below {@code highest - window} is taken for a counter reset (reboot, firmware
 *       update): accepted, and the window restarts there. A redelivery that old is stored
 *       twice, which is harmless because InfluxDB overwrites the same series and timestamp.</li>
 * </ul>
 * A gap is counted when the higher seq arrives; a skipped seq that still arrives later (out of
 * order, within the window) is stored, and the gap stays counted.
 *
 * <p>A claim marks its seq as seen at once (so a concurrent redelivery is a duplicate) and must
 * be {@linkplain Claim#release() released} if the message then does not become durable, so
 * the device's retry is stored rather than dropped as a duplicate.
 */
public final class SeqTracker {
    public static final int DEFAULT_WINDOW = 128;

    private final int window;
    private final ConcurrentHashMap<DeviceId, DeviceSeqs> devices = new ConcurrentHashMap<>();

    public SeqTracker() {
        this(DEFAULT_WINDOW);
    }

    /** @param window how many recent seqs per device are remembered; a multiple of 64 */
    public SeqTracker(int window) {
        if (window < 64 || window % 64 != 0) throw new IllegalArgumentException("window must be a positive multiple of 64: " + window);
        this.window = window;
    }

    /** @param seq the device's seq, 0..2^63-1 */
    public Claim claim(DeviceId device, long seq) {
        if (seq < 0) throw new IllegalArgumentException("device " + device + ": seq must not be negative: " + seq);
        DeviceSeqs seqs = devices.computeIfAbsent(device, d -> new DeviceSeqs(window));
        long gap = seqs.mark(seq);
        return gap < 0 ? new Duplicate(seq) : new Fresh(seqs, seq, gap);
    }

    /** How many devices have state here (for tests and a gauge). */
    public int trackedDevices() {
        return devices.size();
    }

    /** The answer for one seq: a duplicate, or fresh with a release handle. */
    public sealed interface Claim permits Duplicate, Fresh {}

    public record Duplicate(long seq) implements Claim {}

    public static final class Fresh implements Claim {
        private final DeviceSeqs seqs;
        private final long seq;
        private final long gap;
        private final AtomicBoolean released = new AtomicBoolean();

        private Fresh(DeviceSeqs seqs, long seq, long gap) {
            this.seqs = seqs;
            this.seq = seq;
            this.gap = gap;
        }

        public long seq() {
            return seq;
        }

        /** How many seqs the device skipped right before this one (0 if none). */
        public long gap() {
            return gap;
        }

        /** Forgets this seq again, so its redelivery is accepted. Idempotent. */
        public void release() {
            if (released.compareAndSet(false, true)) seqs.unmark(seq);
        }
    }

    /** One device's highest seq and the bitmap of the window ending at it. */
    private static final class DeviceSeqs {
        private final long[] seen;
        private final int window;
        private long highest = -1;

        DeviceSeqs(int window) {
            this.window = window;
            this.seen = new long[window / 64];
        }

        /** Marks {@code seq} seen; returns the gap before it, or -1 if it was already seen. */
        synchronized long mark(long seq) {
            if (highest < 0 || seq <= highest - window) {
                restartAt(seq);
                return 0;
            }
            if (seq > highest) {
                long gap = seq - highest - 1;
                clearRange(highest + 1, seq);
                highest = seq;
                set(seq);
                return gap;
            }
            if (isSet(seq)) return -1;
            set(seq);
            return 0;
        }

        synchronized void unmark(long seq) {
            if (seq <= highest && seq > highest - window) clear(seq);
        }

        private void restartAt(long seq) {
            java.util.Arrays.fill(seen, 0L);
            highest = seq;
            set(seq);
        }

        /** Clears the bits of seqs from..to (inclusive) as the window slides over them. */
        private void clearRange(long from, long to) {
            if (to - from >= window) {
                java.util.Arrays.fill(seen, 0L);
                return;
            }
            // Counted loop: "s <= to" would never end for to = Long.MAX_VALUE.
            for (long i = 0, n = to - from; i <= n; i++) clear(from + i);
        }

        private boolean isSet(long seq) {
            int bit = (int) (seq % window);
            return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
        }

        private void set(long seq) {
            int bit = (int) (seq % window);
            seen[bit >>> 6] |= 1L << (bit & 63);
        }

        private void clear(long seq) {
            int bit = (int) (seq % window);
            seen[bit >>> 6] &= ~(1L << (bit & 63));
        }
    }
}
