package org.firehub.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.DurableSink;

/**
 * A {@link DurableSink} for transport tests: records what was appended and completes each
 * append on its own thread, as the real spool does after its fsync. It can hold appends until
 * the test releases them (to prove nothing is acknowledged before "the fsync"), refuse them as
 * full, or fail them. The sink is our own port, not a server: the real spool has its own tests.
 */
public final class TestSink implements DurableSink, AutoCloseable {
    public enum Mode { STORE, HOLD, FULL, FAIL }

    private final List<DeviceMessage> stored = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger fullRefusals = new AtomicInteger();
    private final ExecutorService fsyncThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-sink-fsync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.STORE;
    private volatile long retryAfterMillis;

    /** @param retryAfterMillis the retry hint of a "spool full" refusal */
    public TestSink(long retryAfterMillis) {
        this.retryAfterMillis = retryAfterMillis;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void retryAfterMillis(long millis) {
        this.retryAfterMillis = millis;
    }

    public List<DeviceMessage> stored() {
        return stored;
    }

    /** Appends in {@link Mode#HOLD} wait here until {@link #releaseHeld}. */
    public List<CompletableFuture<Void>> held() {
        return held;
    }

    public int heldCount() {
        return held.size();
    }

    public int fullRefusals() {
        return fullRefusals.get();
    }

    /** Completes every held append from the sink's own thread ("the fsync returned"). */
    public void releaseHeld() {
        fsyncThread.execute(() -> held.forEach(f -> f.complete(null)));
    }

    /** Back to storing, with held appends released and nothing recorded. */
    public void reset() {
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
            switch (now) {
                case STORE -> stored.add(message);
                case FULL -> {
                    fullRefusals.incrementAndGet();
                    throw new SinkFullException("spool full (test)", retryAfterMillis);
                }
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
