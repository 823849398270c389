package org.firehub.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * A level with hold time and hysteresis on one reading of one device kind.
 *
 * <p>Raised once the reading has been beyond {@code raiseAt} (inclusive) in every sample for at
 * least {@code hold}; cleared once it has been on the safe side of {@code clearAt} (strictly)
 * in every sample for at least {@code clearHold}. Samples between the two levels change
 * nothing: that band is what keeps a noisy reading from flapping.
 */
public record ThresholdRule(String id, String kind, String reading, Direction direction,
                            double raiseAt, Duration hold, double clearAt, Duration clearHold,
                            String hazard, Severity severity) implements Rule {

    public ThresholdRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(clearHold, "clearHold");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        if (!Double.isFinite(raiseAt) || !Double.isFinite(clearAt)) {
            throw new IllegalArgumentException(id + ": levels must be finite numbers");
        }
        if (hold.isNegative() || clearHold.isNegative()) {
            throw new IllegalArgumentException(id + ": hold and clear hold must not be negative");
        }
        // The clear level must sit on the safe side of the raise level, or the rule could be
        // raised and cleared by the same sample.
        if (direction == Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt) {
            throw new IllegalArgumentException(id + ": clear level " + clearAt + " must be on the safe side of raise level "
                    + raiseAt + " (" + (direction == Direction.ABOVE ? "at or below" : "at or above") + " it)");
        }
    }

    /** True when the sample is on the safe side of the clear level. */
    public boolean safe(double value) {
        return direction == Direction.ABOVE ? value < clearAt : value > clearAt;
    }

    /** True when the sample is beyond (or on) the raise level. */
    public boolean beyond(double value) {
        return direction.beyond(value, raiseAt);
    }
}
