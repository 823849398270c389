package org.firehub.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for a condition with a deadline, instead of sleeping and hoping. */
public final class Await {
    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            pause();
        }
    }

    /** Polls {@code value} until {@code accept} holds, and returns the last value seen. */
    public static <T> T value(String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!accept.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    /** Asserts that a condition stays false for a whole window (e.g. "no PUBACK yet"). */
    public static void staysFalse(String what, Duration window, BooleanSupplier condition) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) throw new AssertionError("happened too early: " + what);
            pause();
        }
    }

    private static void pause() {
        LockSupport.parkNanos(10_000_000L);
        if (Thread.interrupted()) throw new AssertionError("interrupted while waiting");
    }
}
