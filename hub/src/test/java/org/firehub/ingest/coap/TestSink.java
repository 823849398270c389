package org.firehub.ingest.coap;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;

/** A durable sink for tests: completes appends on its own thread ("the fsync"), refuses them when full, or holds them. */
final class TestSink implements DurableSink, AutoCloseable {
    enum Mode { STORE, FULL, HOLD }

    private final List<DeviceMessage> stored = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private final ExecutorService fsync = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-sink-fsync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.STORE;
    volatile long retryAfterMillis = 2_500;

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<DeviceMessage> stored() {
        return stored;
    }

    List<CompletableFuture<Void>> held() {
        return held;
    }

    void releaseHeld() {
        fsync.execute(() -> held.forEach(f -> f.complete(null)));
    }

    void reset() {
        mode = Mode.STORE;
        releaseHeld();
        held.clear();
        stored.clear();
    }

    @Override
    public CompletableFuture<Void> append(DeviceMessage message) {
        Mode now = mode;
        if (now == Mode.HOLD) {
            CompletableFuture<Void> pending = new CompletableFuture<>();
            held.add(pending);
            return pending.thenRun(() -> stored.add(message));
        }
        return CompletableFuture.runAsync(() -> {
            if (now == Mode.FULL) throw new SinkFullException("spool full (test)", retryAfterMillis);
            stored.add(message);
        }, fsync);
    }

    @Override
    public void close() {
        fsync.shutdownNow();
    }
}
