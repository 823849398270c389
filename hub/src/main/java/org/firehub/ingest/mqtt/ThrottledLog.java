package org.firehub.ingest.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Logs a kind of event at most once per interval and says how many were left out, so that
 * thousands of misbehaving devices cannot flood the log (counters carry the exact numbers).
 */
final class ThrottledLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder suppressed = new LongAdder();

    ThrottledLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    void warn(String format, Object... args) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed != Long.MIN_VALUE && now - allowed < 0) || !nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            suppressed.increment();
            return;
        }
        long skipped = suppressed.sumThenReset();
        log.warn(format, args);
        if (skipped > 0) log.warn("({} similar messages suppressed)", skipped);
    }
}
