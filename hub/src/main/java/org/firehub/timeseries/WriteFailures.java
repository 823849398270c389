package org.firehub.timeseries;

import java.util.Locale;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;

/**
 * Decides whether a failed write is worth retrying. Only content errors are refused (the drainer
 * then isolates and dead-letters the offending messages), so anything about reachability,
 * load, configuration (credentials, a missing database) is retryable: a misconfigured hub must
 * hold its readings, not throw them away.
 */
final class WriteFailures {
    private WriteFailures() {}

    /**
     * @param status the HTTP status of the response, or {@code null} when none arrived
     */
    static WriteOutcome classify(RuntimeException failure, Integer status) {
        if (failure instanceof InfluxDBIOException) {
            return new WriteOutcome.Retryable("influxdb unreachable: " + rootMessage(failure));
        }
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("database not found") || failure instanceof InfluxDBException.DatabaseNotFoundException) {
            return new WriteOutcome.Retryable("influxdb database missing: " + message);
        }
        if (failure instanceof InfluxDBException.AuthorizationFailedException || status != null && (status == 401 || status == 403)) {
            return new WriteOutcome.Retryable("influxdb authorization failed: " + message);
        }
        if (status != null) {
            if (status >= 500 || status == 408 || status == 429) return new WriteOutcome.Retryable("influxdb HTTP " + status + ": " + message);
            if (status >= 400) return new WriteOutcome.Refused("influxdb HTTP " + status + ": " + message);
        }
        if (failure instanceof InfluxDBException influx && !influx.isRetryWorth()) {
            return new WriteOutcome.Refused(message);
        }
        if (failure instanceof InfluxDBException) return new WriteOutcome.Retryable(message);
        return new WriteOutcome.Retryable("influxdb write failed: " + failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
