package org.firehub.ingest.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;

/**
 * A {@link DurableSink} for the HTTP tests: completes each append on its own thread (as the
 * spool does after its fsync), or holds appends until the test releases them, or refuses them
 * as full, or fails them.
 */
public final class TestSink implements DurableSink, AutoCloseable {
    public enum Mode { STORE, HOLD, FULL, FAIL }

    private final List<DeviceMessage> stored = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private final ExecutorService fsyncThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-sink-fsync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.STORE;

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<DeviceMessage> stored() {
        return stored;
    }

    public int heldCount() {
        return held.size();
    }

    public void releaseHeld() {
        fsyncThread.execute(() -> held.forEach(f -> f.complete(null)));
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
            switch (now) {
                case STORE -> stored.add(message);
                case FULL -> throw new SinkFullException("spool full (test)", 2500);
                case FAIL -> throw new IllegalStateException("disk on fire (test)");
                case HOLD -> throw new AssertionError("handled above");
            }
        }, fsyncThread);
    }

    @Override
    public void close() {
        fsyncThread.shutdownNow();
    }
}
