package org.firehub.rules.catalogue;

/**
 * The range within which a reading's raise level may be set (e.g. residual current 20–1000 mA,
 * GB 50116), enforced on the shipped defaults and on every override.
 */
public record SettableRange(double min, double max) {
    public SettableRange {
        if (!(min < max)) throw new IllegalArgumentException("min must be below max");
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return YamlNumbers.plain(min) + "–" + YamlNumbers.plain(max);
    }
}
