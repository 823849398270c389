package org.firehub.alarms;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.firehub.rules.Severity;

/**
 * Filters of an alarm list; empty means "any". Results are newest first (raised time), at most
 * {@code limit}.
 *
 * @param active true: only active; false: only cleared
 * @param since only alarms raised at or after this instant
 */
public record AlarmQuery(Optional<Boolean> active, Optional<Long> venueId, Optional<String> deviceId,
                         Optional<String> hazard, Optional<Severity> severity, Optional<Instant> since, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AlarmQuery {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }

    public static AlarmQuery all() {
        return new AlarmQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT);
    }

    public static AlarmQuery activeOnly() {
        return all().withActive(true);
    }

    public AlarmQuery withActive(boolean value) {
        return new AlarmQuery(Optional.of(value), venueId, deviceId, hazard, severity, since, limit);
    }
}
