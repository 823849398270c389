package org.firehub.tickets.evidence;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.people.Principal;
import org.firehub.tickets.TicketState;

/**
 * The SQL of ticket evidence. A photo and its {@code evidence_added} audit entry are written in
 * one transaction, so the trail names every photo there is and no photo exists without it.
 * Scope is not checked here: callers have read the ticket through the scoped ticket service.
 */
final class PgEvidenceStore {
    static final String ADDED = "evidence_added";
    private static final String LOCK_STATE = "SELECT state FROM tickets WHERE id = $1 FOR SHARE";
    private static final String INSERT = "INSERT INTO ticket_evidence (ticket_id, kind, content_type, uploaded_type, bytes,"
            + " sha256, width, height, uploaded_by, uploaded_at, ticket_state, note)"
            + " VALUES ($1, 'photo', 'image/jpeg', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    private static final String AUDIT = "INSERT INTO ticket_audit (ticket_id, at, actor_user_id, actor_role, action,"
            + " from_state, to_state, note, source_address, details) VALUES ($1, $2, $3, $4, '" + ADDED + "', $5, $5, $6, $7, $8)";
    private static final String LIST = "SELECT e.id, e.ticket_id, e.content_type, e.uploaded_type, e.sha256, e.width, e.height,"
            + " octet_length(e.bytes) AS size_bytes, e.uploaded_by, u.username, e.uploaded_at, e.ticket_state, e.note"
            + " FROM ticket_evidence e JOIN users u ON u.id = e.uploaded_by WHERE e.ticket_id = $1 ORDER BY e.id";
    private static final String BYTES = "SELECT bytes FROM ticket_evidence WHERE id = $1 AND ticket_id = $2";
    /**
     * Photos whose audit entry comes after the ticket last entered RECTIFYING (accepted, or sent
     * back by a reject). Audit ids, not timestamps, order the two: the ticket clock may stand
     * still in tests, and ids never tie.
     */
    private static final String PHOTOS_SINCE_RECTIFYING = "SELECT count(*) FROM ticket_audit a WHERE a.ticket_id = $1"
            + " AND a.action = '" + ADDED + "' AND a.id > (SELECT coalesce(max(r.id), 0) FROM ticket_audit r"
            + "   WHERE r.ticket_id = $1 AND r.to_state = 'RECTIFYING' AND r.from_state IS DISTINCT FROM 'RECTIFYING')";

    private final Pool pool;

    PgEvidenceStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the photo if the ticket is still in {@code expectedState} (locked against a
     * concurrent transition until commit); empty when it moved meanwhile.
     */
    Future<Optional<Long>> add(long ticketId, TicketState expectedState, NormalizedPhoto photo, Principal who,
                               Instant at, Optional<String> note, Optional<String> sourceAddress) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_STATE).execute(Tuple.of(ticketId)).compose(rows -> {
            if (rows.size() != 1 || !expectedState.name().equals(rows.iterator().next().getString("state"))) {
                return Future.succeededFuture(Optional.<Long>empty());
            }
            Tuple insert = Tuple.of(ticketId, photo.uploadedType(), Buffer.buffer(photo.jpeg()), photo.sha256(), photo.width(),
                    photo.height(), who.userId(), utc(at), expectedState.name(), note.orElse(null));
            return tx.preparedQuery(INSERT).execute(insert).compose(inserted -> {
                long id = inserted.iterator().next().getLong("id");
                JsonObject details = new JsonObject().put("evidenceId", id).put("kind", "photo").put("sha256", photo.sha256())
                        .put("width", photo.width()).put("height", photo.height());
                Tuple audit = Tuple.of(ticketId, utc(at), who.userId(), who.role().wireName(), expectedState.name(),
                        note.orElse(null), sourceAddress.orElse(null), details);
                return tx.preparedQuery(AUDIT).execute(audit).map(done -> Optional.of(id));
            });
        }));
    }

    Future<List<PhotoEvidence>> list(long ticketId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(ticketId)).map(rows -> {
            List<PhotoEvidence> list = new ArrayList<>(rows.size());
            rows.forEach(r -> list.add(evidence(r)));
            return list;
        });
    }

    Future<Optional<Buffer>> bytes(long ticketId, long evidenceId) {
        return pool.preparedQuery(BYTES).execute(Tuple.of(evidenceId, ticketId)).map(rows -> rows.size() == 1
                ? Optional.of(rows.iterator().next().getBuffer("bytes")) : Optional.empty());
    }

    /** Inside a transition's transaction: how many photos arrived since the ticket last entered RECTIFYING. */
    Future<Long> photosSinceRectifying(SqlClient tx, long ticketId) {
        return tx.preparedQuery(PHOTOS_SINCE_RECTIFYING).execute(Tuple.of(ticketId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static PhotoEvidence evidence(Row r) {
        return new PhotoEvidence(r.getLong("id"), r.getLong("ticket_id"), r.getString("content_type"),
                r.getString("uploaded_type"), r.getString("sha256"), r.getInteger("width"), r.getInteger("height"),
                r.getInteger("size_bytes"), r.getLong("uploaded_by"), r.getString("username"),
                r.getOffsetDateTime("uploaded_at").toInstant(), r.getString("ticket_state"),
                Optional.ofNullable(r.getString("note")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
