package org.firehub.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counters of a run, updated from many threads; ack latency (send → ack) in an HdrHistogram. */
final class SimStats {
    final AtomicInteger connected = new AtomicInteger();
    final LongAdder connects = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder malformedSent = new LongAdder();
    /** Sends still waiting for their ack when the run ended and closed the connections. */
    final LongAdder unfinished = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(5), 3);
    private final Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);

    void ack(long sentNanos) {
        acked.increment();
        long micros = Math.max(1, (System.nanoTime() - sentNanos) / 1_000);
        latency.recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(5)));
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errorsByKind() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** All latencies recorded so far (drains the recorder into the running total). */
    synchronized Histogram latencies() {
        total.add(latency.getIntervalHistogram());
        return total.copy();
    }
}
