package org.firehub.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the one thread that writes the log. It takes every append waiting in its queue,
 * writes them with one positional write, fsyncs once, publishes the new durable end and only
 * then completes the appends' futures. Under load many appends share an fsync; alone, an
 * append is written at once (the thread never waits for company).
 *
 * <p>Futures complete on this thread: dependents should be cheap or hop to their own executor
 * (Vert.x callers do, via {@code Future.fromCompletionStage(stage, context)}).
 */
final class SpoolWriter {
    private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);

    /** One append waiting for its fsync. */
    record Pending(ByteBuffer record, CompletableFuture<Void> future) {
        int bytes() {
            return record.remaining();
        }
    }

    private static final Pending STOP = new Pending(ByteBuffer.allocate(0), new CompletableFuture<>());

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final SpoolConfig config;
    private final Segments segments;
    private final SpoolMetrics metrics;
    private final AtomicLong usedBytes;
    private final Runnable onDurable;
    private final ByteBuffer staging;
    private final Thread thread;

    private volatile Segment active;
    private volatile boolean done;
    private FileChannel channel;
    private Pending carried;
    private boolean stopRequested;

    SpoolWriter(SpoolConfig config, Segments segments, Segment active, SpoolMetrics metrics, AtomicLong usedBytes, Runnable onDurable)
            throws IOException {
        this.config = config;
        this.segments = segments;
        this.active = active;
        this.metrics = metrics;
        this.usedBytes = usedBytes;
        this.onDurable = onDurable;
        this.staging = ByteBuffer.allocateDirect(Math.max(4 << 20, config.maxRecordBytes() + RecordFormat.HEADER_BYTES));
        this.channel = FileChannel.open(active.path(), StandardOpenOption.WRITE);
        this.thread = Thread.ofPlatform().name("spool-writer").daemon(false).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Sequence number after the last durable record. */
    long durableEndSeq() {
        return active.durable().endSeq();
    }

    void submit(Pending pending) {
        queue.add(pending);
        // The writer may have finished between the caller's closed-check and the add above:
        // whoever removes the entry from the queue (us or the writer's last sweep) answers it.
        if (done && queue.remove(pending)) fail(pending, new IllegalStateException("spool is closed"));
    }

    /** Writes what was submitted so far, then stops. */
    void close(long timeoutMillis) throws InterruptedException {
        queue.add(STOP);
        thread.join(timeoutMillis);
        if (thread.isAlive()) log.error("spool-writer did not stop within {} ms", timeoutMillis);
    }

    private void run() {
        try {
            while (!(stopRequested && carried == null && queue.isEmpty())) {
                List<Pending> batch = nextBatch();
                try {
                    writeBatch(batch);
                } catch (RuntimeException e) {
                    log.error("spool-writer: unexpected failure writing {} records", batch.size(), e);
                    batch.forEach(p -> { if (!p.future().isDone()) fail(p, e); });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            IllegalStateException closed = new IllegalStateException("spool is closed");
            if (carried != null) fail(carried, closed);
            for (Pending left; (left = queue.poll()) != null; ) if (left != STOP) fail(left, closed);
            closeChannel();
        }
    }

    /** Blocks for the first append, then takes whatever else is waiting, up to the staging size. */
    private List<Pending> nextBatch() throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        Pending next = carried != null ? carried : stopRequested ? queue.poll() : queue.poll(1, TimeUnit.DAYS);
        carried = null;
        while (next != null) {
            if (next == STOP) {
                stopRequested = true;
            } else if (bytes + next.bytes() > staging.capacity()) {
                carried = next;
                break;
            } else {
                batch.add(next);
                bytes += next.bytes();
            }
            next = queue.poll();
        }
        return batch;
    }

    private void writeBatch(List<Pending> batch) {
        int from = 0;
        while (from < batch.size()) {
            long segmentSize = active.durable().bytes();
            if (segmentSize > 0 && segmentSize + batch.get(from).bytes() > config.segmentBytes()) {
                try {
                    roll();
                } catch (IOException e) {
                    failAll(batch.subList(from, batch.size()), new IOException("spool: cannot start a new segment: " + e.getMessage(), e));
                    return;
                }
                segmentSize = 0;
            }
            int to = from;
            long runBytes = 0;
            while (to < batch.size() && (runBytes == 0 || segmentSize + runBytes + batch.get(to).bytes() <= config.segmentBytes())) {
                runBytes += batch.get(to).bytes();
                to++;
            }
            writeRun(batch.subList(from, to));
            from = to;
        }
    }

    private void writeRun(List<Pending> run) {
        Segment.Mark start = active.durable();
        staging.clear();
        for (Pending p : run) staging.put(p.record().duplicate());
        staging.flip();
        int bytes = staging.remaining();
        try {
            while (staging.hasRemaining()) channel.write(staging, start.bytes() + staging.position());
            long t0 = System.nanoTime();
            channel.force(false);
            metrics.fsync.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            metrics.fsyncs.increment();
        } catch (IOException e) {
            // Nothing of this run is acknowledged; the next write overwrites from the same offset,
            // and readers never look past the durable end.
            tidyAfterFailure(start.bytes());
            failAll(run, new IOException("spool append failed (" + active + " at offset " + start.bytes() + "): " + e.getMessage(), e));
            return;
        }
        active.advance(new Segment.Mark(start.bytes() + bytes, start.endSeq() + run.size()));
        metrics.appends.increment(run.size());
        onDurable.run();
        for (Pending p : run) p.future().complete(null);
    }

    private void roll() throws IOException {
        Segment old = active;
        Segment next = Recovery.createSegment(segments.directory(), old.durable().endSeq());
        FileChannel nextChannel = FileChannel.open(next.path(), StandardOpenOption.WRITE);
        segments.add(next);
        closeChannel();
        channel = nextChannel;
        active = next;
        // Sealed only now that its successor exists, so the drainer always finds where to go next.
        old.seal();
        onDurable.run();
        log.debug("spool: segment {} sealed at {} bytes; appending to {}", old, old.durable().bytes(), next);
    }

    private void tidyAfterFailure(long durableBytes) {
        try {
            channel.truncate(durableBytes);
        } catch (IOException e) {
            log.warn("spool: cannot truncate {} back to {} bytes after a failed write: {}", active, durableBytes, e.toString());
        }
    }

    private void failAll(List<Pending> pendings, Throwable cause) {
        log.error("spool: {} appends failed: {}", pendings.size(), cause.getMessage());
        for (Pending p : pendings) fail(p, cause);
    }

    private void fail(Pending pending, Throwable cause) {
        usedBytes.addAndGet(-pending.bytes());
        pending.future().completeExceptionally(cause);
    }

    private void closeChannel() {
        try {
            if (channel != null) channel.close();
        } catch (IOException e) {
            log.warn("spool: closing {} failed: {}", active, e.toString());
        }
    }
}
