package org.firehub.spool;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.firehub.timeseries.TimeSeriesWriter;
import org.firehub.timeseries.WriteOutcome;

/**
 * Measures the append path: appends/s and fsyncs/s with 1, 16 and 256 concurrent appenders,
 * each appending and waiting for its acknowledgement in a closed loop (as a device does).
 * The drainer is not started, so the figures are the spool's own and not InfluxDB's; the writer
 * given to the spool is never called.
 *
 * <p>Usage: {@code java -cp … org.firehub.spool.SpoolBenchmark [directory] [seconds-per-run]}.
 * The directory (default: a temporary one) must be on the disk to measure: tmpfs makes fsync free.
 */
public final class SpoolBenchmark {
    private static final TimeSeriesWriter UNUSED = batch -> new WriteOutcome.Retryable("the benchmark does not drain");

    private SpoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path parent = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(parent);
        System.out.printf("spool append benchmark: %d s per run, directory %s (%s), %d cores%n",
                seconds, parent, Files.getFileStore(parent).type(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%9s %12s %10s %14s %10s %10s%n", "appenders", "appends/s", "fsyncs/s", "appends/fsync", "p50 µs", "p99 µs");
        for (int appenders : new int[] {1, 16, 256}) {
            Path dir = Files.createTempDirectory(parent, "spool-bench");
            try {
                run(dir, appenders, seconds);
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    private static void run(Path dir, int appenders, int seconds) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Recorder latencies = new Recorder(3);
        try (Spool spool = Spool.open(SpoolConfig.defaults(dir), UNUSED, registry)) {
            // warm-up, so the JIT and the file system's first allocations do not count
            load(spool, appenders, TimeUnit.SECONDS.toNanos(1), new Recorder(3));
            latencies.reset();
            double appends0 = registry.get("firehub.spool.appends").counter().count();
            double fsyncs0 = registry.get("firehub.spool.fsyncs").counter().count();
            long t0 = System.nanoTime();
            load(spool, appenders, TimeUnit.SECONDS.toNanos(seconds), latencies);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double appends = registry.get("firehub.spool.appends").counter().count() - appends0;
            double fsyncs = registry.get("firehub.spool.fsyncs").counter().count() - fsyncs0;
            Histogram h = latencies.getIntervalHistogram();
            System.out.printf("%9d %12.0f %10.0f %14.1f %10.0f %10.0f%n", appenders, appends / elapsed, fsyncs / elapsed,
                    appends / Math.max(1, fsyncs), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3);
        }
    }

    /** Each appender appends and waits for its acknowledgement until the time is up. */
    private static void load(Spool spool, int appenders, long nanos, Recorder latencies) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < appenders; a++) {
            Device device = new Device(new DeviceId("bench-" + a), "smoke", 17, "grid-3");
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    DeviceMessage message = reading(device, i);
                    long start = System.nanoTime();
                    try {
                        spool.append(message).get();
                    } catch (Exception e) {
                        throw new IllegalStateException("append failed during the benchmark", e);
                    }
                    latencies.recordValue(System.nanoTime() - start);
                }
            }));
        }
        for (Thread t : threads) t.join();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A typical smoke-alarm reading, about 150 bytes in the spool. */
    private static DeviceMessage reading(Device device, int i) {
        long now = System.currentTimeMillis();
        return new DeviceMessage(device, now, OptionalLong.of(i),
                Map.of("smoke_obscuration_db_m", 0.05, "temperature_c", 24.5, "battery_pct", 87.0, "rssi_dbm", -71.0), List.of(), now);
    }
}
