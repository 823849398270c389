package org.firehub.alarms;

import java.time.Instant;
import java.util.Objects;

/** A rule's decision that its hazard is gone. Clearing an alarm that is not active is a no-op. */
public record AlarmClear(AlarmSubject subject, String ruleId, Instant clearedAt, String reason) {

    public AlarmClear {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(clearedAt, "clearedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
