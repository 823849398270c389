package org.firehub.tickets.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firehub.rules.Severity;
import org.firehub.tickets.TicketState;

/**
 * The SQL of escalation. The overdue condition is written once ({@link #OVERDUE}) and used by the
 * scan, by the escalating UPDATE (which re-checks it, so a ticket closed between scan and update
 * is left alone) and by the per-grid count.
 */
final class PgEscalationStore {
    /** Not final and past due at {@code $now}; a submitted ticket is due at its verify_by (the verifier's turn). */
    private static final String OVERDUE = "((t.state IN ('OPEN', 'DISPATCHED', 'RECTIFYING') AND t.deadline < %1$s)"
            + " OR (t.state = 'SUBMITTED' AND t.verify_by < %1$s))";
    private static final String DUE = "CASE WHEN t.state = 'SUBMITTED' THEN t.verify_by ELSE t.deadline END";
    private static final String CANDIDATES = "SELECT t.id FROM tickets t WHERE t.escalated_at IS NULL AND "
            + OVERDUE.formatted("$1") + " ORDER BY " + DUE + ", t.id LIMIT $2";
    /**
     * Escalates once: {@code escalated_at IS NULL} in the WHERE is re-evaluated after a concurrent
     * writer's commit (PostgreSQL re-checks the locked row's newest version), so of two nodes or
     * two overlapping runs exactly one matches. {@code version} and {@code state} stay as they
     * are: an inspector's click with the version they saw must not fail because the job ran.
     */
    private static final String ESCALATE = "WITH target AS ("
            + " SELECT v.id AS venue_id, v.name AS venue_name, v.grid, g.leader_user_id AS leader_id,"
            + "   u.username AS leader_name, coalesce(u.disabled, false) AS leader_disabled"
            + " FROM tickets t0 JOIN venues v ON v.id = t0.venue_id"
            + " LEFT JOIN grids g ON g.code = v.grid LEFT JOIN users u ON u.id = g.leader_user_id"
            + " WHERE t0.id = $1)"
            + " UPDATE tickets t SET escalated_at = $2,"
            + "   escalated_to = CASE WHEN target.leader_disabled THEN NULL ELSE target.leader_id END"
            + " FROM target WHERE t.id = $1 AND t.escalated_at IS NULL AND " + OVERDUE.formatted("$2")
            + " RETURNING t.id, t.venue_id, target.venue_name, target.grid, t.hazard, t.severity, t.state, t.deadline,"
            + "   t.verify_by, t.escalated_to, target.leader_id, target.leader_name, target.leader_disabled";
    private static final String AUDIT = "INSERT INTO ticket_audit (ticket_id, at, actor_user_id, actor_role, action,"
            + " from_state, to_state, note, details) VALUES ($1, $2, NULL, 'system', 'escalated', $3, $3, $4, $5)";
    private static final String OVERDUE_BY_GRID = "SELECT v.grid, count(*) FROM tickets t JOIN venues v ON v.id = t.venue_id"
            + " WHERE " + OVERDUE.formatted("$1") + " GROUP BY v.grid";

    private final Pool pool;

    PgEscalationStore(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** Ids of unescalated overdue tickets, the longest overdue first, at most {@code limit}. */
    Future<List<Long>> candidates(Instant now, int limit) {
        return pool.preparedQuery(CANDIDATES).execute(Tuple.of(utc(now), limit)).map(rows -> {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add(r.getLong(0)));
            return ids;
        });
    }

    /** Marks the ticket escalated; empty when it no longer qualifies (escalated meanwhile, closed, not overdue). */
    Future<Optional<Escalation>> escalate(SqlClient tx, long ticketId, Instant now) {
        return tx.preparedQuery(ESCALATE).execute(Tuple.of(ticketId, utc(now)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(escalation(rows.iterator().next(), now)));
    }

    Future<Void> audit(SqlClient tx, Escalation e) {
        return tx.preparedQuery(AUDIT).execute(Tuple.of(e.ticketId(), utc(e.escalatedAt()), e.state().name(),
                e.auditNote(), e.auditDetails())).mapEmpty();
    }

    /** Overdue tickets per grid now, escalated or not. */
    Future<Map<String, Long>> overdueByGrid(Instant now) {
        return pool.preparedQuery(OVERDUE_BY_GRID).execute(Tuple.of(utc(now))).map(rows -> {
            Map<String, Long> counts = new HashMap<>();
            rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
            return counts;
        });
    }

    private static Escalation escalation(Row r, Instant now) {
        TicketState state = TicketState.valueOf(r.getString("state"));
        Instant deadline = r.getOffsetDateTime("deadline").toInstant();
        Optional<Instant> verifyBy = Optional.ofNullable(r.getOffsetDateTime("verify_by")).map(OffsetDateTime::toInstant);
        boolean verification = state == TicketState.SUBMITTED;
        Optional<Long> leader = Optional.ofNullable(r.getLong("escalated_to"));
        boolean disabled = Boolean.TRUE.equals(r.getBoolean("leader_disabled"));
        return new Escalation(r.getLong("id"), r.getLong("venue_id"), r.getString("venue_name"), r.getString("grid"),
                r.getString("hazard"), Severity.fromWireName(r.getString("severity")).orElseThrow(), state, deadline, verifyBy,
                verification ? verifyBy.orElse(deadline) : deadline,
                verification ? EscalationReason.VERIFICATION : EscalationReason.DEADLINE,
                leader, leader.isPresent() ? Optional.ofNullable(r.getString("leader_name")) : Optional.empty(),
                disabled ? Optional.ofNullable(r.getLong("leader_id")) : Optional.empty(), now);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
