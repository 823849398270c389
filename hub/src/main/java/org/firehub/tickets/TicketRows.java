package org.firehub.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.firehub.rules.Severity;

/** Rows of {@code tickets} and {@code ticket_audit} to records, and back. */
final class TicketRows {
    static final String COLUMNS = "t.*, v.grid AS grid, u.username AS assignee_name";
    static final String FROM = " FROM tickets t JOIN venues v ON v.id = t.venue_id LEFT JOIN users u ON u.id = t.assignee_user_id";

    private TicketRows() {}

    static Ticket ticket(Row r) {
        return new Ticket(r.getLong("id"), r.getLong("venue_id"), r.getString("grid"),
                Optional.ofNullable(r.getString("device_id")), r.getString("hazard"),
                Severity.fromWireName(r.getString("severity")).orElseThrow(),
                TicketState.valueOf(r.getString("state")), TicketSource.fromWireName(r.getString("source")),
                Optional.ofNullable(r.getLong("alarm_id")), Optional.ofNullable(r.getLong("assignee_user_id")),
                Optional.ofNullable(r.getString("assignee_name")), instant(r, "deadline"),
                optionalInstant(r, "verify_by"), r.getInteger("occurrences"), instant(r, "first_seen_at"),
                instant(r, "last_seen_at"), Optional.ofNullable(r.getLong("created_by")), instant(r, "created_at"),
                optionalInstant(r, "dispatched_at"), optionalInstant(r, "submitted_at"), optionalInstant(r, "closed_at"),
                r.getInteger("version"), optionalInstant(r, "escalated_at"),
                Optional.ofNullable(r.getLong("escalated_to")));
    }

    static AuditEntry audit(Row r) {
        Object details = r.getValue("details");
        return new AuditEntry(r.getLong("id"), r.getLong("ticket_id"), instant(r, "at"),
                Optional.ofNullable(r.getLong("actor_user_id")), Optional.ofNullable(r.getString("actor_name")),
                r.getString("actor_role"), r.getString("action"),
                Optional.ofNullable(r.getString("from_state")).map(TicketState::valueOf),
                Optional.ofNullable(r.getString("to_state")).map(TicketState::valueOf),
                Optional.ofNullable(r.getString("note")), Optional.ofNullable(r.getString("source_address")),
                details instanceof JsonObject json ? json : new JsonObject());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }

    private static Optional<Instant> optionalInstant(Row r, String column) {
        return Optional.ofNullable(r.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
    }
}
