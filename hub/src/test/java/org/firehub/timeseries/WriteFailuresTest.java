package org.firehub.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

/** The statuses a real influxd does not readily produce on demand (its own errors are covered in InfluxWriterTest). */
class WriteFailuresTest {

    @Test
    void serverErrorsAndOverloadAreRetryable() {
        for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
            assertThat(WriteFailures.classify(new InfluxDBException("{\"error\":\"engine: cache-max-memory-size exceeded\"}"), status))
                    .as("HTTP %d", status).isInstanceOf(WriteOutcome.Retryable.class);
        }
    }

    @Test
    void badCredentialsAreRetryableSoNoReadingIsDeadLetteredForAConfigurationMistake() {
        assertThat(WriteFailures.classify(new InfluxDBException("authorization failed"), 401)).isInstanceOf(WriteOutcome.Retryable.class);
        assertThat(WriteFailures.classify(new InfluxDBException("forbidden"), 403)).isInstanceOf(WriteOutcome.Retryable.class);
    }

    @Test
    void contentErrorsAreRefused() {
        assertThat(WriteFailures.classify(new InfluxDBException("unable to parse 'readings x=': missing field value"), 400))
                .isInstanceOf(WriteOutcome.Refused.class);
        assertThat(WriteFailures.classify(new InfluxDBException("partial write: points beyond retention policy dropped=1"), 400))
                .isInstanceOf(WriteOutcome.Refused.class);
        assertThat(WriteFailures.classify(new InfluxDBException("request entity too large"), 413)).isInstanceOf(WriteOutcome.Refused.class);
    }

    @Test
    void timeoutsAreRetryable() {
        WriteOutcome outcome = WriteFailures.classify(new InfluxDBIOException(new SocketTimeoutException("timeout")), null);
        assertThat(outcome).isInstanceOf(WriteOutcome.Retryable.class);
        assertThat(((WriteOutcome.Retryable) outcome).reason()).contains("SocketTimeoutException");
        assertThat(WriteFailures.classify(new InfluxDBIOException(new IOException("unexpected end of stream")), null))
                .isInstanceOf(WriteOutcome.Retryable.class);
    }

    @Test
    void withoutAStatusTheClientsOwnVerdictDecides() {
        assertThat(WriteFailures.classify(InfluxDBException.buildExceptionForErrorState(
                "{\"error\":\"partial write: field type conflict: input field \\\"x\\\" is type float, already exists as type integer\"}"), null))
                .isInstanceOf(WriteOutcome.Refused.class);
        assertThat(WriteFailures.classify(InfluxDBException.buildExceptionForErrorState("{\"error\":\"database not found: \\\"x\\\"\"}"), null))
                .isInstanceOf(WriteOutcome.Retryable.class);
        assertThat(WriteFailures.classify(new InfluxDBException("something new"), null)).isInstanceOf(WriteOutcome.Retryable.class);
    }
}
