package org.firehub.spool;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.ingest.DeviceMessage;
import org.firehub.timeseries.TimeSeriesWriter;
import org.firehub.timeseries.WriteOutcome;

/**
 * Wraps the real InfluxDB writer; while paused it answers Retryable without writing, as an
 * unreachable store would, so a test can hold records in the spool at a moment of its choosing.
 */
final class PausableWriter implements TimeSeriesWriter {
    private final TimeSeriesWriter delegate;
    private volatile boolean paused;
    final AtomicInteger attempts = new AtomicInteger();

    PausableWriter(TimeSeriesWriter delegate) {
        this.delegate = delegate;
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    @Override
    public WriteOutcome write(List<DeviceMessage> batch) {
        attempts.incrementAndGet();
        if (paused) return new WriteOutcome.Retryable("paused by the test");
        return delegate.write(batch);
    }
}
