package org.firehub.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.firehub.timeseries.InfluxHttp;
import org.firehub.timeseries.InfluxWriter;
import org.firehub.timeseries.TestMessages;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promise itself: an acknowledged reading survives {@code kill -9} of the process that spooled it. */
class SpoolKillTest {
    private static final int DEVICES = 8;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedReadingSurvivesKill9() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=does-not-exist.xml", SpoolKillChild.class.getName(), dir.toString(), Integer.toString(DEVICES))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, Set<Long>> acked = new HashMap<>();
        int count = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; count < 3000 && (line = lines.readLine()) != null; ) {
                if (!line.startsWith("acked ")) continue;
                String[] parts = line.split(" ");
                acked.computeIfAbsent(parts[1], d -> new HashSet<>()).add(TestMessages.BASE_TS + Long.parseLong(parts[2]));
                count++;
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, appends in flight
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count).as("acknowledgements seen before the kill").isEqualTo(3000);

        InfluxHttp http = new InfluxHttp(TestInflux.shared().url());
        String db = http.freshDatabase("kill9");
        try (InfluxWriter influx = InfluxWriter.create(TestInflux.shared().url(), null, null, db, null);
             Spool spool = Spool.open(SpoolConfig.defaults(dir).withSizes(256 << 10, 64 << 20), influx, new SimpleMeterRegistry())) {
            assertThat(spool.depth()).isGreaterThanOrEqualTo(count);
            spool.start();
            assertThat(spool.awaitDrained(Duration.ofSeconds(60))).isTrue();
        }
        for (Map.Entry<String, Set<Long>> device : acked.entrySet()) {
            JsonNode values = http.query(db, "SELECT temperature_c FROM readings WHERE device_id = '" + device.getKey() + "'")
                    .path("results").path(0).path("series").path(0).path("values");
            Set<Long> stored = new HashSet<>();
            values.forEach(v -> stored.add(v.path(0).asLong()));
            assertThat(stored).as("readings of %s in InfluxDB", device.getKey()).containsAll(device.getValue());
        }
    }
}
