package org.firehub.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * A reading climbing fast: raised when it rose by at least {@code rise} within {@code window}
 * (a fixed-temperature detector's complement: a cable heating 10 °C in a minute is a warning
 * long before it reaches 85 °C). Cleared once no such rise has been seen for {@code clearHold}.
 */
public record RateOfRiseRule(String id, String kind, String reading, double rise, Duration window,
                             Duration clearHold, String hazard, Severity severity) implements Rule {

    public RateOfRiseRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(clearHold, "clearHold");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        if (!(rise > 0) || !Double.isFinite(rise)) throw new IllegalArgumentException(id + ": rise must be a positive number");
        if (window.isZero() || window.isNegative()) throw new IllegalArgumentException(id + ": window must be positive");
        if (clearHold.isNegative()) throw new IllegalArgumentException(id + ": clear hold must not be negative");
    }
}
