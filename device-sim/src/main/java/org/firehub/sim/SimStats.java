package org.firehub.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters of a run, updated from many threads; ack latency (send → ack) in HdrHistograms, kept
 * apart for the warm-up (connect ramp) and the steady state that follows, and per progress window,
 * so a tail can be placed in time.
 */
final class SimStats {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);
    final AtomicInteger connected = new AtomicInteger();
    final LongAdder connects = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder malformedSent = new LongAdder();
    /** Sends still waiting for their ack when the run ended and closed the connections. */
    final LongAdder unfinished = new LongAdder();
    /** Messages sent and not yet acknowledged or failed: the run's end waits for these to settle. */
    final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final Histogram warmup = new Histogram(MAX_MICROS, 3);
    private final Histogram steady = new Histogram(MAX_MICROS, 3);
    private final Histogram window = new Histogram(MAX_MICROS, 3);
    /** How late the sim's own event loops ran a 10 ms timer: an ack latency is only as good as this. */
    private final Recorder loopLag = new Recorder(MAX_MICROS, 3);
    private final Histogram loopLagWarmup = new Histogram(MAX_MICROS, 3);
    private final Histogram loopLagSteady = new Histogram(MAX_MICROS, 3);
    private final Histogram loopLagWindow = new Histogram(MAX_MICROS, 3);
    private final long startNanos = System.nanoTime();
    private long steadySinceNanos = -1;
    private long ackedAtSteady;

    void ack(long sentNanos) {
        acked.increment();
        long micros = Math.max(1, (System.nanoTime() - sentNanos) / 1_000);
        latency.recordValue(Math.min(micros, MAX_MICROS));
    }

    void loopLag(long lateNanos) {
        loopLag.recordValue(Math.min(Math.max(0, lateNanos / 1_000), MAX_MICROS));
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

    /** Ends the warm-up: acks from now on count as steady state. Only the first call counts. */
    synchronized void startSteadyState() {
        if (steadySinceNanos >= 0) return;
        drain();
        steadySinceNanos = System.nanoTime();
        ackedAtSteady = acked.sum();
    }

    synchronized boolean steady() {
        return steadySinceNanos >= 0;
    }

    /** Seconds from the start of the run to the start of the steady state, or -1 while warming up. */
    synchronized double steadyFromSeconds() {
        return steadySinceNanos < 0 ? -1 : (steadySinceNanos - startNanos) / 1e9;
    }

    synchronized long ackedInSteadyState() {
        return steadySinceNanos < 0 ? 0 : acked.sum() - ackedAtSteady;
    }

    /** Latencies since the last call (a progress window). */
    synchronized Histogram window() {
        drain();
        Histogram copy = window.copy();
        window.reset();
        return copy;
    }

    /** The sim's event-loop lag since the last call (a progress window). */
    synchronized Histogram loopLagWindow() {
        drain();
        Histogram copy = loopLagWindow.copy();
        loopLagWindow.reset();
        return copy;
    }

    synchronized Histogram loopLagWarmup() {
        drain();
        return loopLagWarmup.copy();
    }

    synchronized Histogram loopLagSteady() {
        drain();
        return loopLagSteady.copy();
    }

    synchronized Histogram warmupLatencies() {
        drain();
        return warmup.copy();
    }

    synchronized Histogram steadyLatencies() {
        drain();
        return steady.copy();
    }

    /** All latencies recorded so far, warm-up and steady state. */
    synchronized Histogram latencies() {
        drain();
        Histogram all = warmup.copy();
        all.add(steady);
        return all;
    }

    private void drain() {
        Histogram recent = latency.getIntervalHistogram();
        window.add(recent);
        (steadySinceNanos < 0 ? warmup : steady).add(recent);
        Histogram lag = loopLag.getIntervalHistogram();
        loopLagWindow.add(lag);
        (steadySinceNanos < 0 ? loopLagWarmup : loopLagSteady).add(lag);
    }
}
