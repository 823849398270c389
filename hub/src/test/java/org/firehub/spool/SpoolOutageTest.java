package org.firehub.spool;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.firehub.runtime.InfluxProcess;
import org.firehub.timeseries.InfluxHttp;
import org.firehub.timeseries.InfluxWriter;
import org.firehub.timeseries.TestMessages;
import org.firehub.testing.TestInflux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private influxd, stopped and restarted under the spool. */
class SpoolOutageTest {
    @TempDir
    Path dir;

    @Test
    void readingsAcceptedDuringAnInfluxOutageAreWrittenWhenItReturns() throws Exception {
        try (InfluxProcess process = TestInflux.startNew()) {
            InfluxHttp http = new InfluxHttp(process.url());
            String db = http.freshDatabase("outage");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SpoolConfig config = SpoolConfig.defaults(dir).withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(300));
            try (InfluxWriter influx = InfluxWriter.create(process.url(), null, null, db, null);
                 Spool spool = Spool.open(config, influx, registry)) {
                spool.start();
                spool.append(TestMessages.reading("steady", 0)).get(5, TimeUnit.SECONDS);
                assertThat(spool.awaitDrained(Duration.ofSeconds(30))).isTrue();

                process.stop();
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 1; i <= 300; i++) acks.add(spool.append(TestMessages.reading("steady", i)));
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

                Await.until("writer reported unhealthy", Duration.ofSeconds(20), () -> !spool.isWriterHealthy());
                assertThat(spool.lastWriteError()).hasValueSatisfying(error -> assertThat(error).contains("unreachable"));
                assertThat(spool.depth()).isEqualTo(300);
                Await.until("lag grows", Duration.ofSeconds(10), () -> spool.lagMillis() > 0);
                Await.until("retries counted", Duration.ofSeconds(10), () -> registry.get("firehub.influx.write.failures").tag("kind", "retryable").counter().count() >= 2);

                TestInflux.restart(process);
                assertThat(spool.awaitDrained(Duration.ofSeconds(60))).isTrue();
                assertThat(spool.isWriterHealthy()).isTrue();
                assertThat(spool.lagMillis()).isZero();
            }
            assertThat(http.count(db, "SELECT count(temperature_c) FROM readings WHERE device_id = 'steady'")).isEqualTo(301);
        }
    }
}
