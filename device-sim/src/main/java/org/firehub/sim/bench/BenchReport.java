package org.firehub.sim.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintStream;

/**
 * The side-by-side table: the hub and Mosquitto under the same load, the hub's readings confirmed
 * in InfluxDB, InfluxDB's direct write ceiling, and the ratios.
 */
public record BenchReport(int devices, int inflight, long measuredSeconds, LoadResult hub, long hubAckedTotal,
                          long hubConfirmedInInflux, LoadResult mosquitto, double influxDirectPointsPerSecond,
                          long influxDirectFailedBatches) {

    @JsonProperty
    public double hubToMosquitto() {
        return mosquitto.ackedPerSecond() == 0 ? 0 : hub.ackedPerSecond() / mosquitto.ackedPerSecond();
    }

    @JsonProperty
    public double hubToInfluxDirect() {
        return influxDirectPointsPerSecond == 0 ? 0 : hub.ackedPerSecond() / influxDirectPointsPerSecond;
    }

    public void print(PrintStream out) {
        out.printf("%n%d devices, %d QoS 1 publish(es) in flight each, %d s measured%n", devices, inflight, measuredSeconds);
        out.printf("| %-27s | %12s | %12s |%n", "", "hub", "mosquitto");
        out.printf("|%s|%s|%s|%n", "-".repeat(29), "-".repeat(14), "-".repeat(14));
        row(out, "connections held", "%d", hub.connections(), mosquitto.connections());
        row(out, "acked readings/s", "%.0f", hub.ackedPerSecond(), mosquitto.ackedPerSecond());
        row(out, "ack latency p50 ms", "%.2f", hub.p50Ms(), mosquitto.p50Ms());
        row(out, "ack latency p95 ms", "%.2f", hub.p95Ms(), mosquitto.p95Ms());
        row(out, "ack latency p99 ms", "%.2f", hub.p99Ms(), mosquitto.p99Ms());
        row(out, "ack latency max ms", "%.2f", hub.maxMs(), mosquitto.maxMs());
        row(out, "failed publishes", "%d", hub.failed(), mosquitto.failed());
        row(out, "broker CPU % of one core", "%.0f", hub.brokerCpuPercent(), mosquitto.brokerCpuPercent());
        row(out, "broker CPU µs per ack", "%.1f", hub.brokerCpuMicrosPerAck(), mosquitto.brokerCpuMicrosPerAck());
        row(out, "broker RSS MiB", "%.0f", hub.brokerRssKib() / 1024.0, mosquitto.brokerRssKib() / 1024.0);
        row(out, "RSS per connection KiB *", "%.1f", hub.rssPerConnectionKib(), mosquitto.rssPerConnectionKib());
        row(out, "generator CPU % of one core", "%.0f", hub.generatorCpuPercent(), mosquitto.generatorCpuPercent());
        out.printf("* (RSS with the devices connected, before load - RSS before they connected) / connections; "
                + "mosquitto runs with persistence off, the hub acks after its spool append%n");
        out.printf("hub: acked %d readings in all, confirmed in InfluxDB %d (%s)%n", hubAckedTotal, hubConfirmedInInflux,
                hubAckedTotal == hubConfirmedInInflux ? "all" : "MISSING " + (hubAckedTotal - hubConfirmedInInflux));
        out.printf("InfluxDB direct write ceiling: %.0f points/s (batch 5000, 1 writer, %d failed batches)%n",
                influxDirectPointsPerSecond, influxDirectFailedBatches);
        out.printf("ratios: hub/mosquitto %.2f, hub/InfluxDB-direct %.2f%n", hubToMosquitto(), hubToInfluxDirect());
    }

    private static void row(PrintStream out, String name, String format, Object hub, Object mosquitto) {
        out.printf("| %-27s | %12s | %12s |%n", name, format.formatted(hub), format.formatted(mosquitto));
    }
}
