package org.firehub.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One {@code influxd} (Debian package {@code influxdb}) child process with its config and data
 * under a directory of ours, bound to loopback only. Used by the hub's embedded default and by
 * the tests, so both run the same real server the same way.
 */
public final class InfluxProcess implements AutoCloseable {
    private final Path dir;
    private final int httpPort;
    private final int rpcPort;
    private Process process;

    public InfluxProcess(Path dir, int httpPort, int rpcPort) {
        this.dir = dir.toAbsolutePath();
        this.httpPort = httpPort;
        this.rpcPort = rpcPort;
    }

    public static String binary() {
        for (String candidate : new String[] {"/usr/bin/influxd", "/usr/local/bin/influxd"}) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return "influxd";
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path dir() {
        return dir;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The exit code of the last influxd started, once it has exited; empty while it runs. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Where {@link #start} records the pid of the running influxd. */
    public Path pidFile() {
        return dir.resolve("influxd.pid");
    }

    /** The config file {@link #start} writes and passes to influxd with {@code -config}. */
    public Path configFile() {
        return dir.resolve("influxdb.conf");
    }

    /** Writes the config, starts influxd and waits until it answers {@code /ping}. */
    public synchronized void start(Duration readyTimeout) throws IOException {
        if (isAlive()) return;
        Files.createDirectories(dir);
        Path config = writeConfig();
        ProcessBuilder pb = new ProcessBuilder(binary(), "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start influxd (" + binary() + "): " + e.getMessage()
                    + "; install the Debian package influxdb (apt-get install influxdb)", e);
        }
        Files.writeString(pidFile(), Long.toString(process.pid()));
        awaitReady(readyTimeout);
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("influxd exited with " + process.exitValue() + " during start; see " + dir.resolve("influxd.log"));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for influxd", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for influxd", e);
            }
        }
        throw new IOException("influxd did not answer /ping within " + timeout + "; see " + dir.resolve("influxd.log"));
    }

    private Path writeConfig() throws IOException {
        String config = """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s/meta"

                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  pprof-enabled = false

                [logging]
                  level = "warn"
                  suppress-logo = true
                """.formatted(rpcPort, dir, dir, dir, httpPort);
        Path file = configFile();
        Files.writeString(file, config);
        return file;
    }

    /** Stops influxd gracefully (SIGTERM), forcibly after a grace period. */
    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
