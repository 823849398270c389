package org.firehub.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Silent-device supervision for one kind: a device not heard from for
 * {@code interval × missed + grace} is offline. An NB-IoT smoke alarm with a 24 h heartbeat
 * is interval 24 h, missed 1, grace 1 h: offline after 25 h, the carrier platforms' practice.
 * The grace absorbs clock skew and a late radio window. Any message from the device clears it.
 */
public record SupervisionRule(String id, String kind, Duration interval, int missed, Duration grace,
                              String hazard, Severity severity) implements Rule {

    public SupervisionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        if (interval.isZero() || interval.isNegative()) throw new IllegalArgumentException(id + ": interval must be positive");
        if (missed < 1) throw new IllegalArgumentException(id + ": missed must be at least 1");
        if (grace.isNegative()) throw new IllegalArgumentException(id + ": grace must not be negative");
    }

    /** How long a device may stay silent before it is offline. */
    public Duration silenceLimit() {
        return interval.multipliedBy(missed).plus(grace);
    }
}
