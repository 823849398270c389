package org.firehub.alarms;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.firehub.rules.Severity;

/**
 * A rule's decision that a hazard is present. Raising is idempotent per (subject, rule): a
 * repeat while the alarm is active only counts a repeat, it never makes a second alarm.
 *
 * @param grid the venue's grid, for scoping and notification routing
 * @param raisedAt when the condition was met (device time for readings and events)
 * @param values the readings (or event count) that triggered it, for the record
 * @param reason a plain-words explanation, e.g. "gas_lel_pct 31.0 ≥ 25.0 for 10 s"
 */
public record AlarmRaise(AlarmSubject subject, String grid, String ruleId, String hazard, Severity severity,
                         Instant raisedAt, Map<String, Double> values, String reason) {

    public AlarmRaise {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(reason, "reason");
        values = Map.copyOf(values);
    }
}
