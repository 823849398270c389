package org.firehub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.firehub.runtime.InfluxProcess;

/**
 * The real {@code influxd} for tests: one process per test JVM, started on first use on free
 * loopback ports and stopped at exit. Tests that stop it (outage tests) call {@link #restart}.
 */
public final class TestInflux {
    private static InfluxProcess shared;

    private TestInflux() {}

    public static synchronized InfluxProcess shared() {
        if (shared == null) {
            shared = startNew();
            InfluxProcess process = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(process::stop));
        }
        return shared;
    }

    /** A fresh influxd of its own (for tests that stop and start it). The caller closes it. */
    public static InfluxProcess startNew() {
        try {
            Path dir = Files.createTempDirectory("firehub-test-influx");
            InfluxProcess process = new InfluxProcess(dir, FreePorts.next(), FreePorts.next());
            process.start(Duration.ofSeconds(30));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void restart(InfluxProcess process) {
        try {
            process.start(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
