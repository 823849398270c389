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
        String line = "%5ds  connected %6d  sent %9d  acked %9d  errors %6d  %8.1f acked/s".formatted(
                (now - startNanos) / 1_000_000_000L, stats.connected.get(), stats.sent.sum(), acked, stats.errorCount(), rate);
        if (terminal) out.print("\r" + line);
        else out.println(line);
        out.flush();
    }

    /** The run's end, before devices close: rates are over the sending time only. */
    synchronized void end() {
        endNanos = System.nanoTime();
        print();
    }

    void summary(long devices) {
        if (terminal) out.println();
        double seconds = ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        Histogram latency = stats.latencies();
        out.printf("summary: %d devices, %.0f s, connections made %d, sent %d (malformed on purpose %d), acked %d (%.1f/s),"
                        + " unacked at the end %d%n",
                devices, seconds, stats.connects.sum(), stats.sent.sum(), stats.malformedSent.sum(), stats.acked.sum(),
                stats.acked.sum() / Math.max(seconds, 1e-9), stats.unfinished.sum());
        if (latency.getTotalCount() > 0) {
            out.printf("ack latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
        }
        Map<String, Long> errors = stats.errorsByKind();
        if (errors.isEmpty()) out.println("errors: none");
        else errors.forEach((kind, count) -> out.printf("errors: %-28s %d%n", kind, count));
        out.flush();
    }
}
