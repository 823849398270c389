package org.firehub.ingest.bridge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;

/**
 * A {@link DurableSink} standing in for the spool: completes appends on its own thread, as the
 * spool does after its fsync; can hold them (an fsync that does not return) or refuse them as full.
 */
final class TestSink implements DurableSink, AutoCloseable {
    enum Mode { STORE, HOLD, FULL }

    private final List<DeviceMessage> stored = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private final ExecutorService fsyncThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-sink-fsync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.STORE;
    private volatile int fullRefusals;

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<DeviceMessage> stored() {
        return stored;
    }

    int heldCount() {
        return held.size();
    }

    int fullRefusals() {
        return fullRefusals;
    }

    /** Lets every held append finish, from the sink's own thread ("the fsync returned"). */
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
            if (now == Mode.FULL) {
                fullRefusals++;
                throw new SinkFullException("spool full (test)", 50);
            }
            stored.add(message);
        }, fsyncThread);
    }

    @Override
    public void close() {
        fsyncThread.shutdownNow();
    }
}
