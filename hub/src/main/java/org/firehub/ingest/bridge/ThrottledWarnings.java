package org.firehub.ingest.bridge;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * At most one warning per interval, with the number suppressed since the last one: a broker
 * full of bad messages must not flood the log, and the count says how bad it is.
 */
final class ThrottledWarnings {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAtNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarnings(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    void warn(String message) {
        long now = System.nanoTime();
        long next = nextAtNanos.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextAtNanos.compareAndSet(next, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            log.warn(skipped == 0 ? message : message + " (" + skipped + " similar warnings suppressed)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
