package org.firehub.rules;

import java.util.Objects;
import java.util.Set;

/**
 * A device event that raises a hazard at once (a smoke alarm's {@code alarm}, a camera's
 * {@code gas_cylinder_detected}), and the events of the same device that clear it
 * ({@code alarm_cleared}). An empty {@code clearedBy} means only a person clears it.
 */
public record EventRule(String id, String kind, String event, Set<String> clearedBy,
                        String hazard, Severity severity) implements Rule {

    public EventRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        clearedBy = Set.copyOf(clearedBy);
        if (clearedBy.contains(event)) throw new IllegalArgumentException(id + ": event " + event + " cannot clear itself");
    }
}
