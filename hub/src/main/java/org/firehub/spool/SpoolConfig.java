package org.firehub.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one spool. {@link #defaults(Path)} gives the production values; tests shrink them
 * with the {@code with…} methods.
 *
 * @param directory where segments, the checkpoint and the dead-letter file live
 * @param segmentBytes size at which the writer starts a new segment file
 * @param maxBytes bound on the bytes the spool holds on disk (plus appends in flight); past it,
 *     appends are refused with {@code SinkFullException}
 * @param maxRecordBytes largest single record accepted (and believed when reading a length)
 * @param maxBatchMessages most messages the drainer hands the time-series writer at once
 * @param retryInitialBackoff first wait after a retryable write failure (doubles each time)
 * @param retryMaxBackoff cap of that wait
 * @param checkpointInterval how often the drainer persists its checkpoint while busy
 * @param fullRetryAfterMillis the retry hint given to producers while the spool is full
 */
public record SpoolConfig(
        Path directory,
        long segmentBytes,
        long maxBytes,
        int maxRecordBytes,
        int maxBatchMessages,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Duration checkpointInterval,
        long fullRetryAfterMillis) {

    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    public SpoolConfig {
        Objects.requireNonNull(directory, "directory");
        if (maxRecordBytes < 64) throw new IllegalArgumentException("maxRecordBytes must be at least 64: " + maxRecordBytes);
        if (segmentBytes < maxRecordBytes + RecordFormat.HEADER_BYTES) {
            throw new IllegalArgumentException("segmentBytes " + segmentBytes + " cannot hold a record of maxRecordBytes " + maxRecordBytes);
        }
        // A drained active segment is deleted only after it is rolled, and it rolls only when
        // appends arrive: keeping it at most half the bound means a drained spool always
        // accepts appends again.
        if (segmentBytes * 2 > maxBytes) {
            throw new IllegalArgumentException("segmentBytes " + segmentBytes + " must be at most half of maxBytes " + maxBytes);
        }
        if (maxBatchMessages < 1) throw new IllegalArgumentException("maxBatchMessages must be positive: " + maxBatchMessages);
        if (retryInitialBackoff.isNegative() || retryInitialBackoff.isZero() || retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < retryInitialBackoff <= retryMaxBackoff");
        }
        if (fullRetryAfterMillis < 1) throw new IllegalArgumentException("fullRetryAfterMillis must be positive");
    }

    public static SpoolConfig defaults(Path directory) {
        return new SpoolConfig(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES, 1 << 20, 5000,
                Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(1), 1000);
    }

    public SpoolConfig withSegmentBytes(long value) {
        return new SpoolConfig(directory, value, maxBytes, maxRecordBytes, maxBatchMessages, retryInitialBackoff, retryMaxBackoff, checkpointInterval, fullRetryAfterMillis);
    }

    public SpoolConfig withMaxBytes(long value) {
        return new SpoolConfig(directory, segmentBytes, value, maxRecordBytes, maxBatchMessages, retryInitialBackoff, retryMaxBackoff, checkpointInterval, fullRetryAfterMillis);
    }

    /** Sets both sizes at once, since each constrains the other. */
    public SpoolConfig withSizes(long segment, long max) {
        return new SpoolConfig(directory, segment, max, Math.min(maxRecordBytes, (int) Math.min(Integer.MAX_VALUE, segment / 2)),
                maxBatchMessages, retryInitialBackoff, retryMaxBackoff, checkpointInterval, fullRetryAfterMillis);
    }

    public SpoolConfig withMaxBatchMessages(int value) {
        return new SpoolConfig(directory, segmentBytes, maxBytes, maxRecordBytes, value, retryInitialBackoff, retryMaxBackoff, checkpointInterval, fullRetryAfterMillis);
    }

    public SpoolConfig withRetryBackoff(Duration initial, Duration max) {
        return new SpoolConfig(directory, segmentBytes, maxBytes, maxRecordBytes, maxBatchMessages, initial, max, checkpointInterval, fullRetryAfterMillis);
    }

    public SpoolConfig withCheckpointInterval(Duration value) {
        return new SpoolConfig(directory, segmentBytes, maxBytes, maxRecordBytes, maxBatchMessages, retryInitialBackoff, retryMaxBackoff, value, fullRetryAfterMillis);
    }
}
