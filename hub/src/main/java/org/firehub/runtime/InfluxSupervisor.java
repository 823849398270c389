package org.firehub.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's embedded InfluxDB: one {@link InfluxProcess} on loopback, restarted with backoff
 * whenever it dies, stopped with the hub.
 *
 * <p>Orphans: influxd outlives a {@code kill -9}ed hub. On start we stop the influxd named in
 * {@code influxd.pid} when {@code /proc} proves it is an influxd running with our config file,
 * and start our own rather than adopt it: a process that is not our child cannot be waited for,
 * so the watcher could not supervise it. The lock held while supervising guarantees that influxd
 * belongs to no live hub.
 */
public final class InfluxSupervisor implements AutoCloseable {
    public static final String RESTARTS_METRIC = "firehub_influxd_restarts_total";
    private static final Logger log = LoggerFactory.getLogger(InfluxSupervisor.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** After running this long, a crash is a new incident: the backoff starts over. */
    private static final Duration STABLE_UPTIME = Duration.ofSeconds(60);

    private final InfluxProcess influx;
    private final Counter restarts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopping;
    private Duration readyTimeout = Duration.ofSeconds(60);
    private Thread watcher;
    private DirectoryLock lock;

    public InfluxSupervisor(Path dir, int httpPort, int rpcPort, MeterRegistry registry) {
        this(dir, httpPort, rpcPort, registry, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    InfluxSupervisor(Path dir, int httpPort, int rpcPort, MeterRegistry registry, Duration initialBackoff, Duration maxBackoff) {
        this.influx = new InfluxProcess(dir.toAbsolutePath().normalize(), httpPort, rpcPort);
        this.restarts = Counter.builder(RESTARTS_METRIC)
                .description("Times the hub restarted its embedded influxd after it died")
                .register(registry);
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Blocking: handles an orphan, starts influxd, waits for {@code /ping}, then watches it. */
    public synchronized void start(Duration readyTimeout) throws IOException {
        if (watcher != null) return;
        if (!Files.isExecutable(Path.of(InfluxProcess.binary()))) {
            throw new IOException("influxd is not installed (looked for /usr/bin/influxd, /usr/local/bin/influxd);"
                    + " install the Debian package influxdb (apt-get install influxdb),"
                    + " or set FIREHUB_INFLUX_URL to an external InfluxDB");
        }
        this.readyTimeout = readyTimeout;
        lock = DirectoryLock.acquire(influx.dir().resolve("supervisor.lock"), "embedded InfluxDB directory " + influx.dir());
        try {
            stopOrphan();
            int port = Integer.parseInt(url().substring(url().lastIndexOf(':') + 1));
            LoopbackPort.requireFree(port, "embedded influxd", "is a system InfluxDB running (service influxdb stop)?"
                    + " Or set FIREHUB_EMBEDDED_INFLUX_PORT, or FIREHUB_INFLUX_URL to use that server");
            influx.start(readyTimeout);
        } catch (IOException | RuntimeException e) {
            influx.stop();
            lock.close();
            lock = null;
            throw e;
        }
        log.info("embedded influxd (pid {}) ready at {}, data in {}", influx.pid(), influx.url(), influx.dir());
        stopping = false;
        watcher = Thread.ofPlatform().daemon().name("influxd-supervisor").start(this::watch);
    }

    public String url() {
        return influx.url();
    }

    /** The pid of the influxd running now, or -1. */
    public long pid() {
        return influx.pid();
    }

    public Path dir() {
        return influx.dir();
    }

    private void watch() {
        Duration backoff = initialBackoff;
        long startedAt = System.nanoTime();
        while (!stopping) {
            try {
                if (influx.isAlive()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                if (System.nanoTime() - startedAt > STABLE_UPTIME.toNanos()) backoff = initialBackoff;
                log.warn("embedded influxd exited (code {}); restarting in {} ms (see {})",
                        influx.exitCode().stream().boxed().findFirst().orElse(null), backoff.toMillis(),
                        influx.dir().resolve("influxd.log"));
                Thread.sleep(backoff.toMillis());
                if (stopping) return;
                restarts.increment();
                startedAt = System.nanoTime();
                try {
                    influx.start(readyTimeout);
                    log.info("embedded influxd restarted (pid {})", influx.pid());
                } catch (IOException e) {
                    log.error("restarting embedded influxd failed: {}", e.getMessage());
                }
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            } catch (InterruptedException e) {
                return; // stop() interrupts us
            }
        }
    }

    /** Stops watching, then stops influxd (SIGTERM, SIGKILL after a grace period). */
    @Override
    public synchronized void close() throws IOException {
        stopping = true;
        if (watcher != null) {
            watcher.interrupt();
            try {
                watcher.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher = null;
        }
        influx.stop();
        Files.deleteIfExists(influx.pidFile());
        if (lock != null) {
            lock.close();
            lock = null;
            log.info("embedded influxd stopped");
        }
    }

    private void stopOrphan() throws IOException {
        var pid = ProcessTable.pidFromFile(influx.pidFile());
        if (pid.isEmpty()) return;
        long p = pid.get();
        if (ProcessTable.isRunning(p) && isOurInfluxd(p)) {
            log.warn("found influxd (pid {}) left running on {} by a previous hub; stopping it", p, influx.dir());
            ProcessTable.signal(p, "TERM");
            if (!ProcessTable.awaitExit(p, Duration.ofSeconds(15))) {
                ProcessTable.signal(p, "KILL");
                if (!ProcessTable.awaitExit(p, Duration.ofSeconds(5))) {
                    throw new IOException("orphaned influxd pid " + p + " on " + influx.dir() + " does not stop");
                }
            }
            log.info("orphaned influxd (pid {}) stopped", p);
        } else {
            log.info("ignoring stale {}: pid {} is not an influxd of {}", influx.pidFile(), p, influx.dir());
        }
        Files.deleteIfExists(influx.pidFile());
    }

    private boolean isOurInfluxd(long pid) {
        List<String> argv = ProcessTable.commandLine(pid);
        return !argv.isEmpty() && argv.get(0).endsWith("influxd") && argv.contains(influx.configFile().toString());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
