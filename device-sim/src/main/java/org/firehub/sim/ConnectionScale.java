package org.firehub.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.firehub.sim.bench.MosquittoBroker;
import org.firehub.sim.bench.ProcStats;
import org.firehub.sim.bench.PromMetrics;
import org.firehub.sim.bench.ScaleStep;

/**
 * {@code ./firehub bench --hold 10000,50000}: per step, connect that many idle MQTT devices to the
 * hub, report what holding them costs (hub RSS and heap, the hub's own connection gauge, the
 * generator's RSS), then disconnect them all and wait for the hub to see them go; then hold the
 * same number of idle connections against a real Mosquitto and report its RSS per connection.
 */
final class ConnectionScale {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String GAUGE = "firehub_connected_devices";
    private static final String MQTT = "transport=\"mqtt\"";

    private final List<SimDevice> fleet;
    private final String url;
    private final String mqttUrl;
    private final long hubPid;
    private final int keepAliveSeconds;
    private final Duration settle;
    private final boolean withMosquitto;

    ConnectionScale(List<SimDevice> fleet, String url, String mqttUrl, long hubPid, int keepAliveSeconds, Duration settle,
                    boolean withMosquitto) {
        this.withMosquitto = withMosquitto;
        this.fleet = fleet;
        this.url = url;
        this.mqttUrl = mqttUrl;
        this.hubPid = hubPid;
        this.keepAliveSeconds = keepAliveSeconds;
        this.settle = settle;
    }

    int run(List<Integer> steps, Path json) throws Exception {
        long openFiles = openFileLimit(ProcessHandle.current().pid());
        long hubOpenFiles = openFileLimit(hubPid);
        System.out.printf("bench --hold %s: keep-alive %d s, %d connects in flight; open files: sim %d, hub (pid %d) %d%n",
                steps, keepAliveSeconds, IdleConnections.CONNECTS_IN_FLIGHT, openFiles, hubPid, hubOpenFiles);
        int largest = steps.stream().max(Integer::compare).orElseThrow();
        if (largest + 1000 > Math.min(openFiles, hubOpenFiles)) {
            System.err.printf("warning: %d connections need more open files than the limit (sim %d, hub %d): "
                    + "run `ulimit -n 1048576` in the shell that starts the hub and the bench%n", largest, openFiles, hubOpenFiles);
        }
        List<ScaleStep> results = new ArrayList<>();
        long baseline = ProcStats.sample(hubPid).rssKib();
        System.out.printf("hub RSS before any step: %.0f MiB%n", baseline / 1024.0);
        MosquittoBroker mosquitto = withMosquitto ? MosquittoBroker.start() : null;
        try {
            long mosquittoBaseline = mosquitto == null ? 0 : ProcStats.sample(mosquitto.pid()).rssKib();
            for (int i = 0; i < steps.size(); i++) {
                ScaleStep step = step(steps.get(i), i + 1, baseline);
                // Other source subnets than the hub's steps: their closed sockets may still sit in TIME_WAIT.
                if (mosquitto != null) step = step.withPeer(peerStep(mosquitto, steps.get(i), 101 + i, mosquittoBaseline));
                results.add(step);
                ScaleStep.print(System.out, List.of(step));
            }
        } finally {
            if (mosquitto != null) mosquitto.close();
        }
        System.out.printf("%nconnection scale, MQTT keep-alive %d s, hub pid %d, hub RSS before the first step %.0f MiB%n",
                keepAliveSeconds, hubPid, baseline / 1024.0);
        ScaleStep.print(System.out, results);
        if (json != null) JSON.writeValue(json.toFile(), results);
        return results.stream().allMatch(s -> s.held() == s.wanted() && (s.peer() == null || s.peer().held() == s.wanted())) ? 0 : 1;
    }

    private ScaleStep step(int wanted, int subnet, long baseline) throws Exception {
        long rssAtStart = ProcStats.sample(hubPid).rssKib();
        System.out.printf("== step %d: %d idle devices from 127.0.%d.x%n", subnet, wanted, subnet);
        IdleConnections idle = new IdleConnections();
        try {
            long t0 = System.nanoTime();
            idle.connect(fleet.subList(0, wanted), mqttUrl, keepAliveSeconds, subnet, Duration.ofMinutes(15));
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("connected %d of %d in %.1f s (%d failed)%n", idle.held(), wanted, connectSeconds, idle.failed());
            Thread.sleep(settle.toMillis()); // let the hub's per-connection allocations and a GC cycle settle
            String metrics = PromMetrics.scrape(url);
            return new ScaleStep(wanted, idle.held(), PromMetrics.sum(metrics, GAUGE, MQTT), connectSeconds, baseline, rssAtStart,
                    ProcStats.sample(hubPid).rssKib(), PromMetrics.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
                    ProcStats.sample(ProcessHandle.current().pid()).rssKib(), idle.failed(), null);
        } finally {
            idle.close();
            awaitHubGaugeZero(Duration.ofSeconds(120));
        }
    }

    /** The same idle connections against Mosquitto; its RSS is sampled after the same settle time. */
    private ScaleStep.PeerStep peerStep(MosquittoBroker mosquitto, int wanted, int subnet, long rssBaseline) throws Exception {
        System.out.printf("== the same %d idle devices against mosquitto (pid %d) from 127.0.%d.x%n", wanted, mosquitto.pid(), subnet);
        try (IdleConnections idle = new IdleConnections()) {
            long t0 = System.nanoTime();
            idle.connect(fleet.subList(0, wanted), "tcp://127.0.0.1:" + mosquitto.port(), keepAliveSeconds, subnet, Duration.ofMinutes(15));
            System.out.printf("mosquitto: connected %d of %d in %.1f s (%d failed)%n", idle.held(), wanted, (System.nanoTime() - t0) / 1e9,
                    idle.failed());
            Thread.sleep(settle.toMillis());
            return new ScaleStep.PeerStep(idle.held(), rssBaseline, ProcStats.sample(mosquitto.pid()).rssKib());
        }
    }

    private void awaitHubGaugeZero(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double gauge = Double.NaN;
        while (System.nanoTime() < deadline) {
            gauge = PromMetrics.sum(PromMetrics.scrape(url), GAUGE, MQTT);
            if (gauge == 0) return;
            Thread.sleep(500);
        }
        System.err.printf("warning: the hub still counts %.0f MQTT connections %d s after the disconnects%n", gauge,
                timeout.toSeconds());
    }

    /** The soft "Max open files" of a process, from /proc/<pid>/limits; -1 if unreadable. */
    static long openFileLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("cannot read /proc/" + pid + "/limits: " + e.getMessage());
        }
        return -1;
    }
}
