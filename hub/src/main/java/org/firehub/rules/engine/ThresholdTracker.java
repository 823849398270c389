package org.firehub.rules.engine;

import org.firehub.rules.ThresholdRule;

/**
 * One device's state for one {@link ThresholdRule}: hold timers and hysteresis. Deterministic:
 * time is the sample's device timestamp, never a clock, so the same samples always give the
 * same transitions. Owned by one shard thread; not thread-safe on purpose.
 *
 * <p>A run of beyond samples starts the raise hold; a run of safe samples starts the clear
 * hold. A sample inside the band (neither beyond the raise level nor safe of the clear level)
 * decides nothing, and it ends both runs: "beyond in every sample for the hold" is no longer
 * true of a run that a band sample interrupted.
 */
public final class ThresholdTracker {
    private static final long NONE = Long.MIN_VALUE;

    private boolean raised;
    private long lastSampleAt = NONE;
    private long beyondSince = NONE;
    private long safeSince = NONE;

    public Transition offer(ThresholdRule rule, long atMillis, double value) {
        if (lastSampleAt != NONE && atMillis < lastSampleAt) return Transition.STALE;
        lastSampleAt = atMillis;
        if (rule.beyond(value)) {
            safeSince = NONE;
            if (beyondSince == NONE) beyondSince = atMillis;
            if (!raised && atMillis - beyondSince >= rule.hold().toMillis()) {
                raised = true;
                return Transition.RAISE;
            }
        } else if (rule.safe(value)) {
            beyondSince = NONE;
            if (safeSince == NONE) safeSince = atMillis;
            if (raised && atMillis - safeSince >= rule.clearHold().toMillis()) {
                raised = false;
                return Transition.CLEAR;
            }
        } else {
            beyondSince = NONE;
            safeSince = NONE;
        }
        return Transition.NONE;
    }

    public boolean raised() {
        return raised;
    }

    /** When the current beyond run started (device time), for an alarm's reason; only meaningful when raised. */
    public long beyondSince() {
        return beyondSince;
    }

    /** An alarm of this rule is active in the store (restart): clear it by the normal clear logic. */
    public void seedRaised() {
        raised = true;
    }
}
