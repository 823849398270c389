package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.firehub.runtime.InfluxSettings;
import org.firehub.testing.FreePorts;
import org.junit.jupiter.api.Test;

class ReadingQueryTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void bucketsAreWholeSecondsAtLeastTenAndAtMostFiveHundredPerPeriod() {
        assertThat(ReadingQuery.bucketFor(T0, T0.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(10));
        assertThat(ReadingQuery.bucketFor(T0, T0.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofSeconds(173));
        assertThat(ReadingQuery.bucketFor(T0, T0.plus(Duration.ofDays(30)))).isEqualTo(Duration.ofSeconds(5184));
        Duration ninetyTwoDays = Duration.ofDays(92);
        assertThat(ninetyTwoDays.toSeconds() / ReadingQuery.bucketFor(T0, T0.plus(ninetyTwoDays)).toSeconds()).isLessThanOrEqualTo(500);
    }

    @Test
    void anInfluxThatDoesNotAnswerIsReportedAsUnavailable() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // Nothing listens on a fresh free port: the connection is refused at once.
            ReadingQuery query = new ReadingQuery(vertx,
                    new InfluxSettings("http://127.0.0.1:" + FreePorts.next(), "", "", "firehub"), "autogen");
            var outcome = query.query("dev-1", "temperature", T0, T0.plus(Duration.ofHours(1)))
                    .toCompletionStage().toCompletableFuture();
            try {
                outcome.get(20, TimeUnit.SECONDS);
                throw new AssertionError("a query without InfluxDB succeeded");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ReadingQuery.InfluxUnavailable.class)
                        .hasMessageContaining("InfluxDB did not answer");
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
