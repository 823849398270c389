package org.firehub.ingest;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused messages at a bounded rate: at most {@code maxLines} lines per period across
 * all devices, then one line saying how many were suppressed. A device that sends garbage
 * in a loop costs a counter increment per message, not a log line. The summary is written
 * with the first rejection of a later period (no timer is needed for it). Thread-safe.
 */
public final class RejectionLog {
    public static final int DEFAULT_MAX_LINES = 20;
    public static final long DEFAULT_PERIOD_NANOS = 10_000_000_000L;

    private final Logger log;
    private final int maxLines;
    private final long periodNanos;
    private final LongSupplier nanoTime;

    private long periodStart;
    private int linesInPeriod;
    private long suppressed;

    public RejectionLog() {
        this(LoggerFactory.getLogger(RejectionLog.class), DEFAULT_MAX_LINES, DEFAULT_PERIOD_NANOS, System::nanoTime);
    }

    public RejectionLog(Logger log, int maxLines, long periodNanos, LongSupplier nanoTime) {
        this.log = log;
        this.maxLines = maxLines;
        this.periodNanos = periodNanos;
        this.nanoTime = nanoTime;
        this.periodStart = nanoTime.getAsLong();
    }

    /**
     * @param who the device id or, before authentication, the peer address
     * @param detail already bounded and sanitised (see {@link DetailText})
     */
    public void rejected(Transport transport, String who, RejectReason reason, String detail) {
        long suppressedBefore;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            suppressedBefore = 0;
            if (now - periodStart >= periodNanos) {
                suppressedBefore = suppressed;
                suppressed = 0;
                linesInPeriod = 0;
                periodStart = now;
            }
            if (linesInPeriod >= maxLines) {
                suppressed++;
                return;
            }
            linesInPeriod++;
        }
        // Log outside the lock: an appender's I/O must not serialise the transports.
        if (suppressedBefore > 0) {
            log.warn("suppressed {} rejection log lines (limit: {} per {} ms)", suppressedBefore, maxLines, periodNanos / 1_000_000);
        }
        log.warn("{} message from {} rejected: {}: {}", transport.label(), DetailText.bounded(who, 80), reason.label(), detail);
    }
}
