package org.firehub.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C ends a run gracefully: the hook asks the run to stop, then waits (bounded) for its summary. */
final class StopHook {
    private StopHook() {}

    static Thread install(CountDownLatch stop, CountDownLatch finished) {
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(40, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping (Ctrl-C): the hook is running and ends once finished counts down.
        }
    }
}
