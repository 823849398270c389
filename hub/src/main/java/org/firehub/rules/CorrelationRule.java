package org.firehub.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Several alarms in one venue that together mean more than each alone. Raised for the venue
 * when, within {@code window}, every group in {@code requires} is matched by an alarm raised
 * (by any device rule) with one of the group's hazards, and at least {@code minDevices}
 * distinct devices contributed. Examples: two smoke alarms within 120 s → confirmed fire
 * (GB 50116 asks for two independent signals); a gas alarm plus a camera's gas-cylinder
 * sighting in a restaurant.
 *
 * @param venueTypes venue types the rule applies to; empty means every venue
 */
public record CorrelationRule(String id, List<Set<String>> requires, int minDevices, Duration window,
                              Set<String> venueTypes, String hazard, Severity severity) implements Rule {

    public CorrelationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        requires = requires.stream().map(Set::copyOf).toList();
        venueTypes = Set.copyOf(venueTypes);
        if (requires.isEmpty() || requires.stream().anyMatch(Set::isEmpty)) {
            throw new IllegalArgumentException(id + ": requires must list at least one non-empty group of hazards");
        }
        if (minDevices < 1) throw new IllegalArgumentException(id + ": minDevices must be at least 1");
        if (window.isZero() || window.isNegative()) throw new IllegalArgumentException(id + ": window must be positive");
    }
}
