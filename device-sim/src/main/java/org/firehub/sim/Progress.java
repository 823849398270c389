package org.firehub.sim;

import java.io.PrintStream;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The live progress line and the final summary. */
final class Progress {
    private final SimStats stats;
    private final PrintStream out;
    private final boolean terminal;
    private long lastAcked;
    private long lastNanos = System.nanoTime();
    private final long startNanos = System.nanoTime();
    private long endNanos;

    Progress(SimStats stats, PrintStream out, boolean terminal) {
        this.stats = stats;
        this.out = out;
        this.terminal = terminal;
    }

    /** Every second on a terminal (one line, rewritten); every 10 s into a file or pipe. */
    long periodMillis() {
        return terminal ? 1_000 : 10_000;
    }

    synchronized void print() {
        long now = System.nanoTime();
        long acked = stats.acked.sum();
        double rate = (acked - lastAcked) * 1e9 / Math.max(1, now - lastNanos);
        lastAcked = acked;
        lastNanos = now;
        Histogram window = stats.window();
        Histogram lag = stats.loopLagWindow();
        String line = ("%5ds  connected %6d  sent %9d  acked %9d  errors %6d  %8.1f acked/s  p99 %7.1f ms  max %7.1f ms"
                + "  sim loop lag max %6.1f ms").formatted((now - startNanos) / 1_000_000_000L, stats.connected.get(), stats.sent.sum(),
                acked, stats.errorCount(), rate, window.getValueAtPercentile(99) / 1000.0, window.getMaxValue() / 1000.0,
                lag.getMaxValue() / 1000.0);
        if (terminal) out.print("\r" + line);
        else out.println(line);
        out.flush();
    }

    /** A line of its own between progress lines (e.g. the end of the warm-up). */
    synchronized void note(String text) {
        out.println((terminal ? "\n" : "") + text);
        out.flush();
    }

    /** The run's end, before devices close: rates are over the sending time only. */
    synchronized void end() {
        endNanos = System.nanoTime();
        print();
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) return "no acks";
        return "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d acks)".formatted(h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private static String lagPercentiles(Histogram h) {
        if (h.getTotalCount() == 0) return "no samples";
        return "p99 %.1f  max %.1f".formatted(h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    void summary(long devices) {
        if (terminal) out.println();
        double seconds = ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        Histogram latency = stats.latencies();
        out.printf("summary: %d devices, %.0f s, connections made %d, sent %d (malformed on purpose %d), acked %d (%.1f/s),"
                        + " unacked at the end %d%n",
                devices, seconds, stats.connects.sum(), stats.sent.sum(), stats.malformedSent.sum(), stats.acked.sum(),
                stats.acked.sum() / Math.max(seconds, 1e-9), stats.unfinished.sum());
        if (latency.getTotalCount() > 0) out.println("ack latency ms, whole run:    " + percentiles(latency));
        Histogram warmup = stats.warmupLatencies();
        Histogram steady = stats.steadyLatencies();
        if (stats.steady()) {
            double steadySeconds = seconds - stats.steadyFromSeconds();
            out.printf("ack latency ms, warm-up:      %s  (0-%.0f s: connect ramp + one interval)%n", percentiles(warmup),
                    stats.steadyFromSeconds());
            out.printf("ack latency ms, steady state: %s  (%.0f-%.0f s, %.1f acked/s)%n", percentiles(steady),
                    stats.steadyFromSeconds(), seconds, stats.ackedInSteadyState() / Math.max(steadySeconds, 1e-9));
            // An ack waits in the sim as long as its event loop is busy: latencies are the hub's only where this is small.
            out.printf("sim event-loop lag ms, warm-up: %s; steady state: %s%n", lagPercentiles(stats.loopLagWarmup()),
                    lagPercentiles(stats.loopLagSteady()));
        } else {
            out.println("steady state not reached: the run ended during the warm-up (connect ramp + one interval)");
        }
        Map<String, Long> errors = stats.errorsByKind();
        if (errors.isEmpty()) out.println("errors: none");
        else errors.forEach((kind, count) -> out.printf("errors: %-28s %d%n", kind, count));
        out.flush();
    }
}
