package org.firehub.tickets.web;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.firehub.tickets.AuditEntry;
import org.firehub.tickets.Ticket;

/** Tickets and audit entries as the API shows them; the contract's fields first, extras after. */
final class TicketJson {
    private TicketJson() {}

    static JsonObject toJson(Ticket t, Instant now) {
        return new JsonObject()
                .put("id", t.id()).put("venueId", t.venueId()).put("deviceId", t.deviceId().orElse(null))
                .put("hazard", t.hazard()).put("severity", t.severity().wireName()).put("state", t.state().name())
                .put("assignee", t.assigneeName().orElse(null)).put("deadline", t.deadline().toString())
                .put("occurrences", t.occurrences())
                .put("assigneeId", t.assigneeId().orElse(null)).put("grid", t.grid()).put("source", t.source().wireName())
                .put("alarmId", t.alarmId().orElse(null)).put("verifyBy", text(t.verifyBy()))
                .put("overdue", t.overdue(now)).put("firstSeenAt", t.firstSeenAt().toString())
                .put("lastSeenAt", t.lastSeenAt().toString()).put("createdAt", t.createdAt().toString())
                .put("dispatchedAt", text(t.dispatchedAt())).put("submittedAt", text(t.submittedAt()))
                .put("closedAt", text(t.closedAt())).put("escalatedAt", text(t.escalatedAt()))
                .put("escalatedTo", t.escalatedTo().orElse(null))
                .put("version", t.version());
    }

    static JsonObject toJson(AuditEntry e) {
        return new JsonObject().put("id", e.id()).put("at", e.at().toString())
                .put("actorId", e.actorUserId().orElse(null)).put("actor", e.actorName().orElse(null))
                .put("actorRole", e.actorRole()).put("action", e.action())
                .put("from", e.fromState().map(Enum::name).orElse(null)).put("to", e.toState().map(Enum::name).orElse(null))
                .put("note", e.note().orElse(null)).put("sourceAddress", e.sourceAddress().orElse(null))
                .put("details", e.details());
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
