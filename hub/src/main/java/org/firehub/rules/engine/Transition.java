package org.firehub.rules.engine;

/** What one sample did to one rule's alarm state. */
public enum Transition {
    /** Nothing changed (a sustained condition, a sample inside the band, a hold still running). */
    NONE,
    RAISE,
    CLEAR,
    /** The sample is older than the last one the rule saw: ignored, counted. */
    STALE
}
