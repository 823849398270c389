package org.firehub.spool;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;
import org.firehub.timeseries.TimeSeriesWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's durable spool: an append-only, checksummed, segmented log on local disk. An append
 * completes once its record is fsync'd (group commit, see {@link SpoolWriter}); a drainer thread
 * then writes the log to the time-series store in order and deletes only what the store
 * confirmed. Bounded by bytes on disk: when full, appends fail at once with
 * {@link DurableSink.SinkFullException} and nothing already accepted is ever dropped.
 *
 * <pre>{@code
 * Spool spool = Spool.open(SpoolConfig.defaults(home.resolve("spool")), influxWriter, registry);
 * spool.start();                         // begins draining
 * spool.append(message).thenRun(ack);    // ack the device only now
 * }</pre>
 */
public final class Spool implements DurableSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final SpoolConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SpoolMetrics metrics;
    private final AtomicLong usedBytes;
    private final SpoolWriter writer;
    private final SpoolDrainer drainer;
    private volatile boolean closed;

    private Spool(SpoolConfig config, FileChannel lockChannel, FileLock lock, SpoolMetrics metrics, Recovery.Result recovered,
                  Checkpoint checkpoint, TimeSeriesWriter timeSeries) throws IOException {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.metrics = metrics;
        this.usedBytes = new AtomicLong(recovered.bytesOnDisk());
        DeadLetterFile deadLetter = new DeadLetterFile(config.directory());
        this.drainer = new SpoolDrainer(config, recovered.segments(), checkpoint, deadLetter, metrics, usedBytes,
                stopping -> new BatchDelivery(timeSeries, deadLetter, metrics, config, stopping), recovered.nextDrainSeq());
        this.writer = new SpoolWriter(config, recovered.segments(), recovered.active(), metrics, usedBytes, drainer::wake);
    }

    /**
     * Opens (creating or recovering) the spool in {@code config.directory()} and starts its
     * writer; call {@link #start()} to start draining into {@code timeSeries}.
     *
     * @throws IOException when the directory cannot be used or another process holds it
     */
    public static Spool open(SpoolConfig config, TimeSeriesWriter timeSeries, MeterRegistry registry) throws IOException {
        java.nio.file.Files.createDirectories(config.directory());
        FileChannel lockChannel = FileChannel.open(config.directory().resolve("spool.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw new IOException("cannot lock spool " + config.directory() + ": " + e, e);
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool " + config.directory() + " is in use by another process");
        }
        try {
            Checkpoint checkpoint = new Checkpoint(config.directory());
            Recovery.Result recovered = Recovery.recover(config, checkpoint);
            SpoolMetrics metrics = new SpoolMetrics(registry);
            metrics.truncatedBytes.increment(recovered.truncatedBytes());
            Spool spool = new Spool(config, lockChannel, lock, metrics, recovered, checkpoint, timeSeries);
            SpoolMetrics.gauges(registry, spool);
            spool.writer.start();
            log.info("spool {} open: {} records to drain, {} bytes on disk", config.directory(), spool.depth(), spool.bytes());
            return spool;
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Starts draining to the time-series store. */
    public void start() {
        drainer.start();
    }

    @Override
    public CompletableFuture<Void> append(DeviceMessage message) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("spool is closed"));
        ByteBuffer record;
        try {
            record = RecordFormat.frame(MessageCodec.encode(message));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("message of device " + message.device().id()
                    + " cannot be spooled: " + e.getMessage(), e));
        }
        int bytes = record.remaining();
        if (bytes > config.maxRecordBytes() + RecordFormat.HEADER_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("message of device " + message.device().id()
                    + " is " + bytes + " bytes, over the spool's record limit " + config.maxRecordBytes()));
        }
        if (!reserve(bytes)) {
            metrics.full.increment();
            return CompletableFuture.failedFuture(new SinkFullException("spool full: " + usedBytes.get() + " of "
                    + config.maxBytes() + " bytes await the time-series store", retryAfterMillis()));
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        writer.submit(new SpoolWriter.Pending(record, durable));
        return durable;
    }

    private boolean reserve(int bytes) {
        while (true) {
            long used = usedBytes.get();
            if (used + bytes > config.maxBytes()) return false;
            if (usedBytes.compareAndSet(used, used + bytes)) return true;
        }
    }

    private long retryAfterMillis() {
        long backoff = drainer.delivery().currentBackoff().toMillis();
        return Math.max(config.fullRetryAfterMillis(), backoff);
    }

    /** Records durable in the spool but not yet confirmed by the time-series store. */
    public long depth() {
        return Math.max(0, writer.durableEndSeq() - drainer.confirmedSeq());
    }

    /** Bytes the spool holds on disk, plus appends in flight. */
    public long bytes() {
        return usedBytes.get();
    }

    /** How long the oldest record being delivered has waited since the hub accepted it; 0 when nothing is pending. */
    public long lagMillis() {
        long oldest = drainer.oldestPendingReceivedAt();
        if (oldest == 0 || depth() == 0) return 0;
        return Math.max(0, System.currentTimeMillis() - oldest);
    }

    /** False while the time-series store is unreachable (the drainer is retrying). */
    public boolean isWriterHealthy() {
        return drainer.delivery().healthy();
    }

    /** The last reason the store could not be written, for /health. */
    public Optional<String> lastWriteError() {
        return Optional.ofNullable(drainer.delivery().lastError());
    }

    public Path deadLetterFile() {
        return config.directory().resolve("dead-letter.jsonl");
    }

    public SpoolConfig config() {
        return config;
    }

    /** Waits until every durable record is confirmed; false on timeout. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (depth() > 0) {
            if (System.nanoTime() >= deadline) return false;
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /**
     * Stops taking appends, makes the ones already taken durable (or fails them), stops the
     * drainer after its batch in flight and persists its checkpoint. Undrained records stay on
     * disk for the next open.
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            writer.close(STOP_TIMEOUT_MILLIS);
            drainer.stop(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the spool", e);
        } finally {
            releaseLock();
        }
    }

    /** Stops like a crash would (no checkpoint written, appends in flight failed): for recovery tests. */
    void halt() throws IOException, InterruptedException {
        closed = true;
        drainer.halt();
        writer.close(STOP_TIMEOUT_MILLIS);
        releaseLock();
    }

    private void releaseLock() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
