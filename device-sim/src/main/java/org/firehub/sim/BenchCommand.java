package org.firehub.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.firehub.sim.bench.BenchReport;
import org.firehub.sim.bench.InfluxReadings;
import org.firehub.sim.bench.LoadResult;
import org.firehub.sim.bench.MosquittoBroker;
import org.firehub.sim.bench.ProcStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./firehub bench}: in one run, the same closed-loop QoS 1 load against the running hub and
 * against a local Mosquitto, the hub's readings confirmed in InfluxDB, and InfluxDB's own direct
 * write ceiling; prints them side by side with the ratios. See docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {CoapBenchCommand.class, BridgeBenchCommand.class, AlarmLatencyCommand.class},
        description = "The hub side by side with Mosquitto and InfluxDB's direct write ceiling, in one run.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--devices", defaultValue = "1000", description = "Devices, one MQTT connection each (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--inflight", defaultValue = "1", description = "Unacknowledged QoS 1 publishes per device (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--warmup", defaultValue = "5", converter = DurationConverter.class,
            description = "Load before measuring: 5, 5s, 1m (default: ${DEFAULT-VALUE} s).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "30", converter = DurationConverter.class,
            description = "Measured window per target (default: ${DEFAULT-VALUE} s).")
    Duration duration;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:FIREHUB_HTTP_PORT:-8080}",
            description = "Hub HTTP base URL, to register the bench devices (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:${env:FIREHUB_MQTT_PORT:-1883}",
            description = "Hub MQTT URL (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--influx", defaultValue = "http://127.0.0.1:${env:FIREHUB_EMBEDDED_INFLUX_PORT:-8086}",
            description = "The hub's InfluxDB URL (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--influx-db", defaultValue = "firehub", description = "The hub's InfluxDB database (default: ${DEFAULT-VALUE}).")
    String influxDb;

    @Option(names = "--hub-pid", description = "The hub's pid (default: the java process running org.firehub.app.Main).")
    Long hubPid;

    @Option(names = "--user", defaultValue = "admin", description = "Operator user; password from FIREHUB_ADMIN_PASSWORD (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--home", defaultValue = "${env:FIREHUB_HOME:-var}",
            description = "Where bench-devices.json (0600, the devices' tokens) is kept (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--ceiling-points", defaultValue = "300000", description = "Points for InfluxDB's direct write ceiling (default: ${DEFAULT-VALUE}).")
    int ceilingPoints;

    @Option(names = "--confirm-timeout", defaultValue = "120", converter = DurationConverter.class,
            description = "How long to wait for InfluxDB to hold every acked reading (default: ${DEFAULT-VALUE} s).")
    Duration confirmTimeout;

    @Option(names = "--json", description = "Also write the figures to this file as JSON.")
    Path json;

    @Option(names = "--hold", split = ",", paramLabel = "N",
            description = "Connection-scale mode instead: hold N idle MQTT devices per step, e.g. --hold 10000,50000 "
                    + "(needs `ulimit -n` above the largest step in this shell and the hub's).")
    List<Integer> hold;

    @Option(names = "--keep-alive", defaultValue = "60", description = "MQTT keep-alive of the held devices, s (default: ${DEFAULT-VALUE}).")
    int keepAliveSeconds;

    @Option(names = "--no-mosquitto", description = "With --hold: skip holding the same connections against Mosquitto.")
    boolean noMosquitto;

    @Option(names = "--settle", defaultValue = "10", converter = DurationConverter.class,
            description = "Wait after each step's connects before sampling memory (default: ${DEFAULT-VALUE} s).")
    Duration settle;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || inflight < 1 || inflight > 64) return usage("--devices must be >= 1 and --inflight 1..64");
        if (duration.isZero()) return usage("--duration must be more than 0");
        String password = System.getenv("FIREHUB_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) return usage("FIREHUB_ADMIN_PASSWORD must hold the operator password");
        List<Long> hubs = hubPid != null ? List.of(hubPid) : ProcStats.findHubs();
        if (hubs.isEmpty()) return usage("no running hub found (no java process with org.firehub.app.Main); pass --hub-pid");
        if (hubs.size() > 1) return usage("several hubs are running (pids " + hubs + "); pass --hub-pid for the one at " + url);
        long pid = hubs.getFirst();
        if (hold != null) {
            if (hold.isEmpty() || hold.stream().anyMatch(n -> n < 1)) return usage("--hold takes step sizes >= 1");
            int largest = hold.stream().max(Integer::compare).orElseThrow();
            BenchFleet fleet = BenchFleet.ensure(home.resolve("bench-devices.json"), largest, url, user, password);
            return new ConnectionScale(fleet.devices(), url, mqttUrl, pid, keepAliveSeconds, settle, !noMosquitto).run(hold, json);
        }

        BenchFleet fleet = BenchFleet.ensure(home.resolve("bench-devices.json"), devices, url, user, password);
        List<SimDevice> chosen = fleet.devices().subList(0, devices);
        System.out.printf("bench: %d devices (prefix %s), %d in flight each, warm-up %d s, measured %d s; hub pid %d%n",
                devices, fleet.prefix(), inflight, warmup.toSeconds(), duration.toSeconds(), pid);

        long since = System.currentTimeMillis() - 1;
        System.out.println("== hub " + mqttUrl);
        Run hub = load("hub", chosen, mqttUrl, pid);
        InfluxReadings influx = new InfluxReadings(influxUrl, influxDb);
        long confirmed = influx.awaitCount(fleet.prefix(), since, hub.ackedTotal, confirmTimeout);
        System.out.printf("acked %d, confirmed in InfluxDB %d%n", hub.ackedTotal, confirmed);

        LoadResult mosquitto;
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            System.out.println("== mosquitto tcp://127.0.0.1:" + broker.port() + " (persistence off)");
            mosquitto = load("mosquitto", chosen, "tcp://127.0.0.1:" + broker.port(), broker.pid()).result;
        }

        System.out.println("== InfluxDB direct write " + influxUrl);
        InfluxCeilingCommand ceilingRun = new InfluxCeilingCommand();
        ceilingRun.influxUrl = influxUrl;
        ceilingRun.database = "firehub_bench_ceiling";
        ceilingRun.points = ceilingPoints;
        ceilingRun.batchSize = 5000;
        ceilingRun.writers = 1;
        ceilingRun.devices = devices;
        InfluxCeilingCommand.Ceiling ceiling = ceilingRun.measure();

        BenchReport report = new BenchReport(devices, inflight, duration.toSeconds(), hub.result, hub.ackedTotal, confirmed,
                mosquitto, ceiling.pointsPerSecond(), ceiling.failedBatches());
        report.print(System.out);
        if (json != null) JSON.writeValue(json.toFile(), report);
        return confirmed == hub.ackedTotal ? 0 : 1;
    }

    private record Run(LoadResult result, long ackedTotal) {}

    private Run load(String target, List<SimDevice> chosen, String mqtt, long brokerPid) throws Exception {
        long rssBefore = ProcStats.sample(brokerPid).rssKib();
        try (BenchLoad load = new BenchLoad()) {
            long t0 = System.nanoTime();
            int up = load.connect(chosen, mqtt, Duration.ofMinutes(3));
            System.out.printf("connected %d of %d in %.1f s%n", up, chosen.size(), (System.nanoTime() - t0) / 1e9);
            if (up == 0) throw new IllegalStateException(target + ": no device could connect to " + mqtt);
            // Memory per connection is taken before the load starts: under load a JVM's heap grows for reasons
            // (allocation rate, batches in flight) that have nothing to do with holding connections.
            long rssConnected = ProcStats.sample(brokerPid).rssKib();
            System.out.printf("%s RSS %.1f MiB before the devices connected, %.1f MiB after%n", target, rssBefore / 1024.0,
                    rssConnected / 1024.0);
            load.start(inflight, System.currentTimeMillis());
            LoadResult result = load.measure(target, brokerPid, (double) (rssConnected - rssBefore) / up, warmup, duration);
            long total = load.stopAndDrain(Duration.ofSeconds(30));
            System.out.printf("%s: %.0f acked/s, p99 %.1f ms, %d acked in all, %d failed%n", target, result.ackedPerSecond(),
                    result.p99Ms(), total, load.failed());
            return new Run(result, total);
        }
    }

    private static int usage(String problem) {
        System.err.println("firehub bench: " + problem);
        return 2;
    }

    /** The bench's registered devices: one prefix, so InfluxDB can count their readings with a regex. */
    record BenchFleet(String prefix, List<SimDevice> devices) {
        static final int IMPORT_CHUNK = 10_000;

        static BenchFleet ensure(Path file, int wanted, String url, String user, String password) throws Exception {
            BenchFleet fleet = Files.isRegularFile(file) ? JSON.readValue(file.toFile(), BenchFleet.class)
                    : new BenchFleet("bench" + Long.toString(System.currentTimeMillis(), 36), List.of());
            if (fleet.devices().size() >= wanted) return fleet;
            HubApi api = new HubApi(url);
            api.login(user, password);
            long venueId = api.createVenue("Bench venue " + fleet.prefix() + "-" + fleet.devices().size(), "1 Bench Road",
                    "factory", "BENCH").path("id").asLong();
            List<SimDevice> all = new ArrayList<>(fleet.devices());
            // The hub takes at most 10,000 rows per import; each chunk is saved at once so a failed run keeps its tokens.
            while (all.size() < wanted) {
                int end = Math.min(wanted, all.size() + IMPORT_CHUNK);
                StringBuilder csv = new StringBuilder("deviceId,kind,venueId\n");
                for (int i = all.size(); i < end; i++) csv.append("%s-%06d,smoke,%d%n".formatted(fleet.prefix(), i, venueId));
                long t0 = System.nanoTime();
                for (var created : api.importDevices(csv.toString()).path("devices")) {
                    all.add(new SimDevice(created.path("deviceId").asText(), "smoke", venueId, created.path("token").asText()));
                }
                System.out.printf("registered %d of %d bench devices (%.1f s for this chunk)%n", all.size(), wanted,
                        (System.nanoTime() - t0) / 1e9);
                save(file, new BenchFleet(fleet.prefix(), all));
            }
            return new BenchFleet(fleet.prefix(), all);
        }

        private static void save(Path file, BenchFleet fleet) throws java.io.IOException {
            writePrivately(file, fleet);
        }

        /** As JSON, readable by its owner only (it holds device secrets), replaced atomically. */
        static void writePrivately(Path file, Object value) throws java.io.IOException {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
