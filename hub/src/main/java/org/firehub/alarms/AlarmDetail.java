package org.firehub.alarms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One alarm with what the list leaves out: its last repeat, why it cleared, and its comments (oldest first). */
public record AlarmDetail(Alarm alarm, Optional<Instant> lastRepeatAt, Optional<String> clearReason,
                          List<AlarmComment> comments) {
    public AlarmDetail {
        comments = List.copyOf(comments);
    }
}
