package org.firehub.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firehub.people.AccessScope;
import org.firehub.rules.Severity;

/**
 * The SQL of tickets and their audit. Callers pass the {@link SqlClient} (a transaction or the
 * pool), so a finding can commit inside an alarm's transaction and a transition together with
 * its audit entry. Decisions (who may do what) are not made here but in {@link TicketService}.
 */
public final class PgTicketStore {
    /**
     * One statement: open the ticket, or count an occurrence on the open one (the partial unique
     * index {@code tickets_one_open} arbitrates between concurrent findings), and write the audit
     * entry. Occurrences do not bump {@code version}: an inspector about to act should not be
     * told "conflict" because a detector chirped again. A more severe occurrence raises the
     * severity and tightens the deadline.
     */
    private static final String RECORD = "WITH up AS ("
            + " INSERT INTO tickets AS t (venue_id, device_id, hazard, severity, source, alarm_id, deadline,"
            + "   first_seen_at, last_seen_at, created_by, created_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)"
            + " ON CONFLICT (venue_id, (coalesce(device_id, '')), hazard) WHERE state NOT IN ('CLOSED', 'CANCELLED')"
            + " DO UPDATE SET occurrences = t.occurrences + 1,"
            + "   last_seen_at = greatest(t.last_seen_at, EXCLUDED.last_seen_at),"
            + "   severity = CASE WHEN ticket_severity_rank(EXCLUDED.severity) > ticket_severity_rank(t.severity)"
            + "     THEN EXCLUDED.severity ELSE t.severity END,"
            + "   deadline = CASE WHEN ticket_severity_rank(EXCLUDED.severity) > ticket_severity_rank(t.severity)"
            + "     THEN least(t.deadline, EXCLUDED.deadline) ELSE t.deadline END"
            + " RETURNING t.id, t.state, (t.xmax = 0) AS inserted),"
            + " audit AS (INSERT INTO ticket_audit (ticket_id, at, actor_user_id, actor_role, action, from_state, to_state,"
            + "   note, source_address, details)"
            + " SELECT id, $10, $9, $11, CASE WHEN inserted THEN 'opened' ELSE 'occurred' END,"
            + "   CASE WHEN inserted THEN NULL ELSE state END, state, $12, $13, $14 FROM up)"
            + " SELECT id, inserted FROM up";
    private static final String UPDATE = "UPDATE tickets SET state = $4, assignee_user_id = $5, deadline = $6,"
            + " verify_by = $7, dispatched_at = $8, submitted_at = $9, closed_at = $10, version = version + 1"
            + " WHERE id = $1 AND state = $2 AND version = $3";
    private static final String AUDIT = "INSERT INTO ticket_audit (ticket_id, at, actor_user_id, actor_role, action,"
            + " from_state, to_state, note, source_address, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private static final String HISTORY = "SELECT a.*, u.username AS actor_name FROM ticket_audit a"
            + " LEFT JOIN users u ON u.id = a.actor_user_id WHERE a.ticket_id = $1 ORDER BY a.id";
    private static final String COUNT_OPEN =
            "SELECT severity, count(*) FROM tickets WHERE state NOT IN ('CLOSED', 'CANCELLED') GROUP BY severity";

    private final Pool pool;

    public PgTicketStore(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** Opens a ticket for the finding or counts an occurrence, with its audit entry; {@code deadline} per the policy. */
    Future<FindingOutcome> record(SqlClient client, Finding f, Instant now, Instant deadline) {
        Tuple params = Tuple.of(f.venueId(), f.deviceId().orElse(null), f.hazard(), f.severity().wireName(),
                        f.source().wireName(), f.alarmId().orElse(null), TicketRows.utc(deadline), TicketRows.utc(f.foundAt()))
                .addValue(f.actorUserId().orElse(null)).addValue(TicketRows.utc(now)).addValue(f.actorRole())
                .addValue(f.note().orElse(null)).addValue(f.sourceAddress().orElse(null))
                .addValue(f.details().copy().put("severity", f.severity().wireName()).put("source", f.source().wireName()));
        return client.preparedQuery(RECORD).execute(params).map(rows -> {
            Row row = rows.iterator().next();
            return new FindingOutcome(row.getLong("id"), row.getBoolean("inserted"));
        });
    }

    Future<List<Ticket>> find(TicketQuery query, AccessScope scope, Instant now) {
        TicketFilter filter = TicketFilter.of(query, scope, now);
        String sql = "SELECT " + TicketRows.COLUMNS + TicketRows.FROM + filter.where() + " ORDER BY t.id DESC LIMIT "
                + filter.param(query.limit());
        return pool.preparedQuery(sql).execute(filter.params()).map(rows -> {
            List<Ticket> list = new ArrayList<>(rows.size());
            rows.forEach(r -> list.add(TicketRows.ticket(r)));
            return list;
        });
    }

    /** The ticket, or empty when there is none or it is outside {@code scope}. */
    Future<Optional<Ticket>> byId(SqlClient client, long id, AccessScope scope) {
        TicketFilter filter = TicketFilter.byId(id, scope);
        return client.preparedQuery("SELECT " + TicketRows.COLUMNS + TicketRows.FROM + filter.where())
                .execute(filter.params())
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(TicketRows.ticket(rows.iterator().next())));
    }

    /** Writes {@code after} over {@code before} if nobody changed it meanwhile; false when someone did. */
    Future<Boolean> update(SqlClient tx, Ticket before, Ticket after) {
        Tuple params = Tuple.of(before.id(), before.state().name(), before.version(), after.state().name(),
                        after.assigneeId().orElse(null), TicketRows.utc(after.deadline()),
                        TicketRows.utc(after.verifyBy().orElse(null)), TicketRows.utc(after.dispatchedAt().orElse(null)))
                .addValue(TicketRows.utc(after.submittedAt().orElse(null)))
                .addValue(TicketRows.utc(after.closedAt().orElse(null)));
        return tx.preparedQuery(UPDATE).execute(params).map(rows -> rows.rowCount() == 1);
    }

    Future<Void> audit(SqlClient tx, long ticketId, Instant at, Optional<Long> actorUserId, String actorRole, String action,
                       TicketState from, TicketState to, Optional<String> note, Optional<String> sourceAddress,
                       JsonObject details) {
        Tuple params = Tuple.of(ticketId, TicketRows.utc(at), actorUserId.orElse(null), actorRole, action, from.name(),
                to.name(), note.orElse(null), sourceAddress.orElse(null), details);
        return tx.preparedQuery(AUDIT).execute(params).mapEmpty();
    }

    Future<List<AuditEntry>> history(long ticketId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(ticketId)).map(rows -> {
            List<AuditEntry> list = new ArrayList<>(rows.size());
            rows.forEach(r -> list.add(TicketRows.audit(r)));
            return list;
        });
    }

    Future<Map<Severity, Long>> countOpen() {
        return pool.query(COUNT_OPEN).execute().map(rows -> {
            Map<Severity, Long> counts = new EnumMap<>(Severity.class);
            rows.forEach(r -> Severity.fromWireName(r.getString(0)).ifPresent(s -> counts.put(s, r.getLong(1))));
            return counts;
        });
    }

    /** The venue's grid, or empty when there is no such venue. */
    Future<Optional<String>> venueGrid(long venueId) {
        return pool.preparedQuery("SELECT grid FROM venues WHERE id = $1").execute(Tuple.of(venueId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** True when the device exists and belongs to the venue. */
    Future<Boolean> deviceInVenue(String deviceId, long venueId) {
        return pool.preparedQuery("SELECT 1 FROM devices WHERE device_id = $1 AND venue_id = $2")
                .execute(Tuple.of(deviceId, venueId)).map(rows -> rows.size() == 1);
    }

    /** A user as a {@link org.firehub.people.Principal}-to-be: id, username, role, grid; empty when unknown. */
    Future<Optional<Row>> user(long userId) {
        return pool.preparedQuery("SELECT id, username, role, grid FROM users WHERE id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
    }
}
