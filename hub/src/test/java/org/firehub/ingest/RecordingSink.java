package org.firehub.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link DurableSink} for tests: records what was appended and completes each append on its
 * own thread (as the real spool does after its fsync), or fails it when told to.
 */
final class RecordingSink implements DurableSink, AutoCloseable {
    enum Mode { STORE, FULL, FAIL, HOLD }

    private final List<DeviceMessage> stored = new CopyOnWriteArrayList<>();
    private final ExecutorService fsyncThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-sink-fsync");
        thread.setDaemon(true);
        return thread;
    });
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.STORE;

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<DeviceMessage> stored() {
        return stored;
    }

    /** Appends in {@link Mode#HOLD} wait here until the test completes them ("the fsync"). */
    List<CompletableFuture<Void>> held() {
        return held;
    }

    /** Completes every held append from the sink's own thread, storing its message. */
    void releaseHeld() {
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
                case FULL -> throw new SinkFullException("spool full (test)", 250);
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
