package org.firehub.tickets.evidence;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a device ticket of one hazard may be verified: every reading of {@code fields} stayed
 * below {@code below} for the last {@code window}, and the device reported in every
 * {@code every}-long slice of it (so "no high reading" cannot mean "no reading at all").
 *
 * @param fields InfluxDB fields of measurement {@code readings} (the reading names of config/rules.yaml)
 */
public record ClosureRule(String hazard, List<String> fields, double below, Duration window, Duration every) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ClosureRule {
        fields = List.copyOf(fields);
        if (!NAME.matcher(hazard).matches()) throw new IllegalArgumentException("hazard '" + hazard + "' is not snake_case");
        if (fields.isEmpty()) throw new IllegalArgumentException(hazard + ": needs field or fields");
        for (String f : fields) {
            if (!NAME.matcher(f).matches()) throw new IllegalArgumentException(hazard + ": field '" + f + "' is not a reading name");
        }
        if (!Double.isFinite(below)) throw new IllegalArgumentException(hazard + ": below must be a number");
        if (window.isNegative() || window.isZero() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(hazard + ": for and every must be longer than zero");
        }
        // Whole slices, so the slices tile the window exactly and none is cut short.
        if (window.toMillis() % every.toMillis() != 0) {
            throw new IllegalArgumentException(hazard + ": for (" + window + ") must be a whole number of every (" + every + ")");
        }
        if (window.dividedBy(every) > 10_000) throw new IllegalArgumentException(hazard + ": every is too short for the window");
    }
}
