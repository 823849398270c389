package org.firehub.spool;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.firehub.timeseries.TimeSeriesWriter;
import org.firehub.timeseries.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one batch into the time-series store, whatever it takes: retries a store that is away
 * (exponential backoff), and when the store refuses the content, bisects until the refused
 * messages stand alone, dead-letters those and writes the rest.
 */
final class BatchDelivery {
    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final TimeSeriesWriter writer;
    private final DeadLetterFile deadLetter;
    private final SpoolMetrics metrics;
    private final SpoolConfig config;
    private final BooleanSupplier stopping;
    private volatile boolean healthy = true;
    private volatile String lastError;
    private volatile long backoffNanos;

    BatchDelivery(TimeSeriesWriter writer, DeadLetterFile deadLetter, SpoolMetrics metrics, SpoolConfig config, BooleanSupplier stopping) {
        this.writer = writer;
        this.deadLetter = deadLetter;
        this.metrics = metrics;
        this.config = config;
        this.stopping = stopping;
        this.backoffNanos = config.retryInitialBackoff().toNanos();
    }

    /** Builds the delivery once the drainer knows how to tell it to stop. */
    interface Factory {
        BatchDelivery create(BooleanSupplier stopping);
    }

    boolean healthy() {
        return healthy;
    }

    String lastError() {
        return lastError;
    }

    /** The wait before the next retry while the store is away; zero while it is healthy. */
    Duration currentBackoff() {
        return healthy ? Duration.ZERO : Duration.ofNanos(backoffNanos);
    }

    /** Returns false only when asked to stop before the batch was delivered. */
    boolean deliver(List<DrainCursor.Entry> entries) throws IOException {
        if (entries.isEmpty()) return true;
        while (true) {
            WriteOutcome outcome = timedWrite(entries);
            switch (outcome) {
                case WriteOutcome.Written written -> {
                    metrics.influxWritten.increment(written.points());
                    if (!healthy) log.info("time-series store reachable again; draining the spool");
                    healthy = true;
                    backoffNanos = config.retryInitialBackoff().toNanos();
                    return true;
                }
                case WriteOutcome.Refused refused -> {
                    metrics.influxRefused.increment();
                    healthy = true;
                    if (entries.size() == 1) {
                        DrainCursor.Entry entry = entries.getFirst();
                        log.warn("time-series store refused message {} of device {}: {}; moved to {}",
                                entry.seq(), entry.message().device().id(), refused.reason(), deadLetter.path().getFileName());
                        deadLetter.refused(entry.seq(), entry.message(), refused.reason());
                        metrics.deadLettered.increment();
                        return true;
                    }
                    int half = entries.size() / 2;
                    return deliver(entries.subList(0, half)) && deliver(entries.subList(half, entries.size()));
                }
                case WriteOutcome.Retryable retryable -> {
                    metrics.influxRetryable.increment();
                    if (healthy) log.warn("time-series store unavailable, retrying with backoff: {}", retryable.reason());
                    lastError = retryable.reason();
                    healthy = false;
                    if (!pause(backoffNanos)) return false;
                    backoffNanos = Math.min(backoffNanos * 2, config.retryMaxBackoff().toNanos());
                }
            }
        }
    }

    private WriteOutcome timedWrite(List<DrainCursor.Entry> entries) {
        List<org.firehub.ingest.DeviceMessage> messages = entries.stream().map(DrainCursor.Entry::message).toList();
        long t0 = System.nanoTime();
        try {
            return writer.write(messages);
        } catch (RuntimeException e) {
            // A writer bug must not kill the drainer or lose the batch: treat it as transient.
            log.error("time-series writer threw instead of returning an outcome", e);
            return new WriteOutcome.Retryable("writer failed: " + e);
        } finally {
            metrics.influxWrite.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /** Waits, waking early only to stop. Returns false when stopping. */
    private boolean pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!stopping.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return true;
            LockSupport.parkNanos(this, left);
        }
        return false;
    }
}
