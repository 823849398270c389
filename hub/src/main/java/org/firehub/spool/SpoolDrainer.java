package org.firehub.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that empties the spool into the time-series store, in order: read a batch of
 * durable records, deliver it, then move the checkpoint past it and delete segments the
 * persisted checkpoint has passed. Nothing is deleted that the store did not confirm (or that
 * was not dead-lettered).
 */
final class SpoolDrainer {
    private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SpoolConfig config;
    private final Segments segments;
    private final Checkpoint checkpoint;
    private final DeadLetterFile deadLetter;
    private final SpoolMetrics metrics;
    private final AtomicLong usedBytes;
    private final BatchDelivery delivery;
    private final Thread thread;
    private DrainCursor cursor;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile long confirmedSeq;
    private volatile long oldestPendingReceivedAt;
    private long persistedSeq;
    private long lastPersistNanos = System.nanoTime();

    SpoolDrainer(SpoolConfig config, Segments segments, Checkpoint checkpoint, DeadLetterFile deadLetter, SpoolMetrics metrics,
                 AtomicLong usedBytes, BatchDelivery.Factory deliveryFactory, long startSeq) {
        this.config = config;
        this.segments = segments;
        this.checkpoint = checkpoint;
        this.deadLetter = deadLetter;
        this.metrics = metrics;
        this.usedBytes = usedBytes;
        this.delivery = deliveryFactory.create(() -> stopping);
        this.confirmedSeq = startSeq;
        this.persistedSeq = -1;
        this.cursor = newCursor();
        this.thread = Thread.ofPlatform().name("spool-drainer").daemon(false).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean started() {
        return thread.isAlive();
    }

    /** Wakes the drainer when new records became durable. */
    void wake() {
        LockSupport.unpark(thread);
    }

    long confirmedSeq() {
        return confirmedSeq;
    }

    BatchDelivery delivery() {
        return delivery;
    }

    /** Receive time of the oldest record being delivered, or 0 when none is in flight. */
    long oldestPendingReceivedAt() {
        return oldestPendingReceivedAt;
    }

    /** Stops after the batch in flight (an interrupted retry loop leaves it for next time), persisting the checkpoint. */
    void stop(long timeoutMillis) throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        if (thread.isAlive()) thread.join(timeoutMillis);
        if (thread.isAlive()) log.error("spool-drainer did not stop within {} ms", timeoutMillis);
    }

    /** Like a crash: stops without persisting anything more (for tests of recovery). */
    void halt() throws InterruptedException {
        halted = true;
        stop(30_000);
    }

    private DrainCursor newCursor() {
        return new DrainCursor(segments, config, deadLetter, metrics, confirmedSeq);
    }

    private void run() {
        while (!stopping) {
            try {
                DrainCursor.Batch batch = cursor.read(config.maxBatchMessages());
                if (batch.endSeq() == confirmedSeq) {
                    idle();
                    continue;
                }
                if (!batch.entries().isEmpty()) {
                    oldestPendingReceivedAt = batch.entries().getFirst().message().receivedAtMillis();
                }
                if (!delivery.deliver(batch.entries())) break;
                confirm(batch.endSeq());
            } catch (IOException | RuntimeException e) {
                // Never let the drainer die: rewind to the last confirmed record and try again
                // (re-delivery is idempotent).
                log.error("spool-drainer: {}; retrying from record {}", e, confirmedSeq, e);
                resetCursor();
                LockSupport.parkNanos(config.retryMaxBackoff().toNanos() / 10);
            } finally {
                oldestPendingReceivedAt = 0;
            }
        }
        if (!halted) {
            try {
                persist();
            } catch (IOException e) {
                log.error("spool-drainer: cannot persist the checkpoint at stop (records after {} will be re-sent): {}", persistedSeq, e.toString());
            }
        }
        try {
            cursor.close();
        } catch (IOException ignored) {
            // read-only channel
        }
    }

    private void idle() throws IOException {
        if (persistedSeq != confirmedSeq) persist();
        deleteConfirmedSegments();
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
    }

    private void confirm(long endSeq) throws IOException {
        confirmedSeq = endSeq;
        boolean due = System.nanoTime() - lastPersistNanos >= config.checkpointInterval().toNanos();
        if (due || hasDeletableSegment()) persist();
        deleteConfirmedSegments();
    }

    private void persist() throws IOException {
        long seq = confirmedSeq;
        if (seq == persistedSeq) return;
        checkpoint.write(seq);
        Segments.fsyncDirectory(config.directory());
        persistedSeq = seq;
        lastPersistNanos = System.nanoTime();
    }

    private boolean hasDeletableSegment() {
        for (Segment segment : segments.all()) {
            if (segment.sealed() && segment.durable().endSeq() <= confirmedSeq && segment != cursor.current()) return true;
        }
        return false;
    }

    private void deleteConfirmedSegments() throws IOException {
        for (Segment segment : segments.all()) {
            if (!segment.sealed() || segment.durable().endSeq() > persistedSeq || segment == cursor.current()) continue;
            Files.deleteIfExists(segment.path());
            segments.remove(segment);
            usedBytes.addAndGet(-segment.durable().bytes());
            log.debug("spool segment {} drained; deleted", segment);
        }
    }

    private void resetCursor() {
        try {
            cursor.close();
        } catch (IOException ignored) {
            // read-only channel
        }
        cursor = newCursor();
    }
}
