package org.firehub.sim.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * One step of the connection-scale bench: how many idle MQTT connections were asked for, how many
 * the generator and the hub each count as open, and what holding them costs; then the same number
 * of idle connections held by a real Mosquitto, side by side.
 *
 * @param peer the Mosquitto side of this step, or null when it was not run
 */
public record ScaleStep(int wanted, int held, double hubGauge, double connectSeconds, long hubRssKibBaseline, long hubRssKibAtStart,
                        long hubRssKib, double hubHeapBytes, long generatorRssKib, int failed, PeerStep peer) {

    /** The same step against Mosquitto: connections it held, its RSS before any and with them. */
    public record PeerStep(int held, long rssKibBaseline, long rssKib) {
        public double rssKibPerConnection() {
            return held == 0 ? 0 : (double) (rssKib - rssKibBaseline) / held;
        }
    }

    public ScaleStep withPeer(PeerStep value) {
        return new ScaleStep(wanted, held, hubGauge, connectSeconds, hubRssKibBaseline, hubRssKibAtStart, hubRssKib, hubHeapBytes,
                generatorRssKib, failed, value);
    }

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

    /** Hub RSS per connection ÷ Mosquitto's; NaN without the Mosquitto side. */
    public double hubToMosquittoRssPerConnection() {
        return peer == null || peer.rssKibPerConnection() <= 0 ? Double.NaN : rssKibPerConnection() / peer.rssKibPerConnection();
    }

    public static void print(PrintStream out, List<ScaleStep> steps) {
        out.printf("%n| %8s | %8s | %9s | %8s | %9s | %9s | %10s | %8s | %9s | %6s | %9s | %9s | %10s | %7s |%n", "wanted", "held",
                "hub gauge", "conn/s", "hub RSS", "hub heap", "RSS/conn", "RSS start", "sim RSS", "failed", "mosq held", "mosq RSS",
                "mosq/conn", "hub/mosq");
        StringBuilder rule = new StringBuilder("|");
        for (int width : new int[] {10, 10, 11, 10, 11, 11, 12, 11, 11, 8, 11, 11, 12, 9}) rule.append("-".repeat(width)).append('|');
        out.println(rule);
        for (ScaleStep s : steps) {
            out.printf("| %8d | %8d | %9.0f | %8.0f | %5.0f MiB | %5.0f MiB | %6.1f KiB | %5.0f MiB | %5.0f MiB | %6d | %s |%n",
                    s.wanted, s.held, s.hubGauge, s.connectsPerSecond(), s.hubRssKib / 1024.0, s.hubHeapBytes / 1048576.0,
                    s.rssKibPerConnection(), s.hubRssKibAtStart / 1024.0, s.generatorRssKib / 1024.0, s.failed,
                    s.peer == null ? "%9s | %9s | %10s | %7s".formatted("-", "-", "-", "-")
                            : "%9d | %5.0f MiB | %6.1f KiB | %7.1f".formatted(s.peer.held, s.peer.rssKib / 1024.0,
                                    s.peer.rssKibPerConnection(), s.hubToMosquittoRssPerConnection()));
        }
        out.println("RSS/conn: (RSS with the step's connections - RSS before the first step) / held; "
                + "mosq: the same idle connections against a Mosquitto started by the bench");
    }
}
