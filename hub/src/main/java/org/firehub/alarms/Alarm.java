package org.firehub.alarms;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.firehub.rules.Severity;

/**
 * An alarm as stored in PostgreSQL: raised by a rule for a subject, active until cleared.
 *
 * @param repeats how many times the rule raised it again while it was active
 */
public record Alarm(long id, AlarmSubject subject, String grid, String ruleId, String hazard, Severity severity,
                    Instant raisedAt, Optional<Instant> clearedAt, Map<String, Double> values, String reason,
                    int repeats, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy) {

    public boolean active() {
        return clearedAt.isEmpty();
    }
}
