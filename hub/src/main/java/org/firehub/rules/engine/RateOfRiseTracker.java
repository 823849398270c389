package org.firehub.rules.engine;

import java.util.ArrayDeque;
import org.firehub.rules.RateOfRiseRule;

/**
 * One device's state for one {@link RateOfRiseRule}. A rise is the current sample minus the
 * lowest sample within the window before it (a monotonic deque keeps that minimum in O(1)
 * amortised, and holds only the samples of one window). Raised on the first rise of at least
 * {@code rise}; cleared by the first sample that comes {@code clearHold} or more after the
 * last such rise. Without samples nothing clears: a silent device is supervision's business.
 */
public final class RateOfRiseTracker {
    private static final long NONE = Long.MIN_VALUE;

    private record Sample(long at, double value) {}

    /** Samples of the window with increasing values from head to tail; the head is the minimum. */
    private final ArrayDeque<Sample> minima = new ArrayDeque<>();
    private boolean raised;
    private long lastSampleAt = NONE;
    private long lastRiseAt = NONE;
    private double lastRise;

    public Transition offer(RateOfRiseRule rule, long atMillis, double value) {
        if (lastSampleAt != NONE && atMillis < lastSampleAt) return Transition.STALE;
        lastSampleAt = atMillis;
        long windowStart = atMillis - rule.window().toMillis();
        while (!minima.isEmpty() && minima.peekFirst().at() < windowStart) minima.pollFirst();
        double rise = minima.isEmpty() ? 0 : value - minima.peekFirst().value();
        while (!minima.isEmpty() && minima.peekLast().value() >= value) minima.pollLast();
        minima.addLast(new Sample(atMillis, value));

        if (rise >= rule.rise()) {
            lastRiseAt = atMillis;
            lastRise = rise;
            if (!raised) {
                raised = true;
                return Transition.RAISE;
            }
        } else if (raised && atMillis - lastRiseAt >= rule.clearHold().toMillis()) {
            raised = false;
            return Transition.CLEAR;
        }
        return Transition.NONE;
    }

    public boolean raised() {
        return raised;
    }

    /** The rise that raised (or last sustained) the alarm, for its reason. */
    public double lastRise() {
        return lastRise;
    }

    /** An alarm of this rule is active in the store (restart); its clear hold runs from when it was raised. */
    public void seedRaised(long raisedAtMillis) {
        raised = true;
        lastRiseAt = raisedAtMillis;
    }
}
