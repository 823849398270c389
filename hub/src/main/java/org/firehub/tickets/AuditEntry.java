package org.firehub.tickets;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a ticket's history. {@code actorUserId} is empty for the system (device rules)
 * and for residents; {@code actorRole} says which.
 */
public record AuditEntry(long id, long ticketId, Instant at, Optional<Long> actorUserId, Optional<String> actorName,
                         String actorRole, String action, Optional<TicketState> fromState,
                         Optional<TicketState> toState, Optional<String> note, Optional<String> sourceAddress,
                         JsonObject details) {}
