package org.firehub.sim.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * One step of the connection-scale bench: how many idle MQTT connections were asked for, how many
 * the generator and the hub each count as open, and what holding them costs.
 */
public record ScaleStep(int wanted, int held, double hubGauge, double connectSeconds, long hubRssKibBaseline, long hubRssKibAtStart,
                        long hubRssKib, double hubHeapBytes, long generatorRssKib, int failed) {

    public double connectsPerSecond() {
        return connectSeconds <= 0 ? 0 : held / connectSeconds;
    }

    /**
     * RSS growth per connection over the hub before the first step. Not over this step's start: a JVM
     * rarely hands the memory of an earlier step back to the OS, so that difference would understate.
     */
    public double rssKibPerConnection() {
        return held == 0 ? 0 : (double) (hubRssKib - hubRssKibBaseline) / held;
    }

    public static void print(PrintStream out, List<ScaleStep> steps) {
        out.printf("%n| %8s | %8s | %9s | %8s | %9s | %9s | %10s | %8s | %9s | %6s |%n", "wanted", "held", "hub gauge",
                "conn/s", "hub RSS", "hub heap", "RSS/conn", "RSS start", "sim RSS", "failed");
        out.printf("|%s|%n", "-".repeat(10) + "|" + "-".repeat(10) + "|" + "-".repeat(11) + "|" + "-".repeat(10) + "|"
                + "-".repeat(11) + "|" + "-".repeat(11) + "|" + "-".repeat(12) + "|" + "-".repeat(11) + "|" + "-".repeat(11)
                + "|" + "-".repeat(8));
        for (ScaleStep s : steps) {
            out.printf("| %8d | %8d | %9.0f | %8.0f | %5.0f MiB | %5.0f MiB | %6.1f KiB | %5.0f MiB | %5.0f MiB | %6d |%n",
                    s.wanted, s.held, s.hubGauge, s.connectsPerSecond(), s.hubRssKib / 1024.0, s.hubHeapBytes / 1048576.0,
                    s.rssKibPerConnection(), s.hubRssKibAtStart / 1024.0, s.generatorRssKib / 1024.0, s.failed);
        }
    }
}
