package org.firehub.rules;

/** Which side of a threshold is the hazardous one. */
public enum Direction {
    /** Hazard when the reading is at or above the raise level (gas, temperature, residual current). */
    ABOVE,
    /** Hazard when the reading is at or below the raise level (water pressure, battery, low voltage). */
    BELOW;

    /** True when {@code value} is on the hazardous side of (or on) {@code level}. */
    public boolean beyond(double value, double level) {
        return this == ABOVE ? value >= level : value <= level;
    }
}
