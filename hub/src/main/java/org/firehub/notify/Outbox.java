package org.firehub.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code notification_outbox} table (V5). Times come from the database's clock ({@code now()}),
 * so hub nodes with skewed clocks agree on what is due.
 *
 * <p>Claiming is a lease: one statement picks due rows with {@code FOR UPDATE SKIP LOCKED}, counts
 * the attempt, stamps them with a claim id and pushes {@code next_attempt_at} past the longest
 * request timeout. Another node's claim skips them while the statement runs and finds them not
 * due afterwards, so two nodes never send one row at once. A node that dies mid-delivery leaves
 * the row to be sent again when the lease ends (receivers dedupe on {@code X-Firehub-Delivery}).
 * Outcomes are recorded only under the same claim id, so a late answer cannot overwrite a newer one.
 */
final class Outbox {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    private final Pool pool;

    Outbox(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** One row per webhook, in one statement: all or none. */
    Future<Integer> insert(SqlClient client, Collection<String> webhooks, Notification n) {
        if (webhooks.isEmpty()) return Future.succeededFuture(0);
        return client.preparedQuery("INSERT INTO notification_outbox (webhook, type, payload) "
                        + "SELECT w, $2, $3::jsonb FROM unnest($1::text[]) AS w")
                .execute(Tuple.of(webhooks.toArray(String[]::new), n.type(), n.envelope()))
                .map(rows -> rows.rowCount())
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "notification " + n.type() + " for " + webhooks + " not queued: " + e.getMessage(), e)));
    }

    Future<List<OutboxRow>> claim(Collection<String> webhooks, Duration lease, int limit) {
        UUID claim = UUID.randomUUID();
        return pool.preparedQuery("""
                        UPDATE notification_outbox o
                           SET attempts = o.attempts + 1, claim = $3,
                               next_attempt_at = now() + make_interval(secs => $2)
                         WHERE o.id IN (SELECT id FROM notification_outbox
                                         WHERE state = 'pending' AND next_attempt_at <= now() AND webhook = ANY($1)
                                         ORDER BY next_attempt_at LIMIT $4
                                         FOR UPDATE SKIP LOCKED)
                        RETURNING o.id, o.webhook, o.type, o.payload, o.attempts""")
                .execute(Tuple.of(webhooks.toArray(String[]::new), lease.toMillis() / 1000.0, claim, limit))
                .map(rows -> {
                    List<OutboxRow> claimed = new ArrayList<>(rows.rowCount());
                    for (Row r : rows) {
                        claimed.add(new OutboxRow(r.getLong("id"), r.getString("webhook"), r.getString("type"),
                                (JsonObject) r.getValue("payload"), r.getInteger("attempts"), claim));
                    }
                    return claimed;
                });
    }

    /** Each returns whether the claim still held (false: the lease ran out and another node took over). */
    Future<Boolean> delivered(OutboxRow row) {
        return update("state = 'delivered', delivered_at = now(), last_error = NULL", row, Tuple.of(row.id(), row.claim()));
    }

    Future<Boolean> retryLater(OutboxRow row, Duration delay, String error) {
        return update("next_attempt_at = now() + make_interval(secs => $3), last_error = $4", row,
                Tuple.of(row.id(), row.claim(), delay.toMillis() / 1000.0, error));
    }

    Future<Boolean> dead(OutboxRow row, String error) {
        return update("state = 'dead', last_error = $3", row, Tuple.of(row.id(), row.claim(), error));
    }

    private Future<Boolean> update(String set, OutboxRow row, Tuple args) {
        return pool.preparedQuery("UPDATE notification_outbox SET " + set + ", claim = NULL WHERE id = $1 AND claim = $2")
                .execute(args)
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes delivered rows older than {@code keep}, a bounded batch at a time; dead rows stay. */
    Future<Integer> pruneDelivered(Duration keep) {
        return pool.preparedQuery("DELETE FROM notification_outbox WHERE id IN (SELECT id FROM notification_outbox "
                        + "WHERE state = 'delivered' AND delivered_at < now() - make_interval(secs => $1) LIMIT 10000)")
                .execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    Future<Long> pendingCount() {
        return pool.query("SELECT count(*) FROM notification_outbox WHERE state = 'pending'").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The newest rows in one state (the admin view of dead letters), at most {@code limit}. */
    Future<List<OutboxEntry>> list(String state, int limit) {
        return pool.preparedQuery("SELECT id, webhook, type, payload, created_at, attempts, state, last_error, delivered_at "
                        + "FROM notification_outbox WHERE state = $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(state, limit))
                .map(rows -> {
                    List<OutboxEntry> out = new ArrayList<>(rows.rowCount());
                    for (Row r : rows) {
                        out.add(new OutboxEntry(r.getLong("id"), r.getString("webhook"), r.getString("type"),
                                (JsonObject) r.getValue("payload"), instant(r.getOffsetDateTime("created_at")),
                                r.getInteger("attempts"), r.getString("state"), Optional.ofNullable(r.getString("last_error")),
                                Optional.ofNullable(r.getOffsetDateTime("delivered_at")).map(Outbox::instant)));
                    }
                    return out;
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }
}
