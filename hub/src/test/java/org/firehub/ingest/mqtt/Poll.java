package org.firehub.ingest.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for conditions by polling with a deadline (never a bare sleep). */
final class Poll {
    private Poll() {}

    static void until(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            pause();
        }
    }

    /** Asserts that a condition stays false for the whole window (e.g. "no PUBACK yet"). */
    static void staysFalse(Duration window, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) throw new AssertionError("happened too early: " + what);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
