package org.firehub.tickets;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.firehub.rules.Severity;

/**
 * A hazard found (by a device rule, a patrol or a resident): opens a ticket, or counts an
 * occurrence on the open one for (venue, device or venue-level, hazard).
 *
 * @param actorUserId empty for the system and for residents
 * @param actorRole the audit's role: a {@link org.firehub.people.Role} wire name, {@code system} or {@code resident}
 */
public record Finding(long venueId, Optional<String> deviceId, String hazard, Severity severity, TicketSource source,
                      Optional<Long> alarmId, Instant foundAt, Optional<Long> actorUserId, String actorRole,
                      Optional<String> note, Optional<String> sourceAddress, JsonObject details) {
    public Finding {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(foundAt, "foundAt");
    }
}
