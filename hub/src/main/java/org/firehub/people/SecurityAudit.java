package org.firehub.people;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link SecurityEvent}s to {@code security_audit} (migration V9), which the database
 * keeps append-only. Changes of people, grids and ownership record inside their own
 * transaction ({@link #record(SqlClient, SecurityEvent)}), so a change without its audit entry
 * cannot happen; logins and refusals record on their own ({@link #record(SecurityEvent)}).
 */
public final class SecurityAudit {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);
    private static final String INSERT = "INSERT INTO security_audit (actor_user_id, action, subject, source_address, details)"
            + " VALUES ($1, $2, $3, $4, $5)";

    private final SqlClient client;
    private final MeterRegistry meters;

    public SecurityAudit(SqlClient client, MeterRegistry meters) {
        this.client = client;
        this.meters = meters;
    }

    /** Records on its own; a failure is logged, counted and returned (the caller decides whether it matters). */
    public Future<Void> record(SecurityEvent event) {
        return record(client, event).onComplete(done -> {
            String outcome = done.succeeded() ? "recorded" : "failed";
            meters.counter("firehub.security.audit", "outcome", outcome).increment();
            if (done.failed()) LOG.error("security audit entry {} lost: {}", event, done.cause().toString());
        });
    }

    /** Records inside the caller's transaction: the change and its entry commit or roll back together. */
    public static Future<Void> record(SqlClient transaction, SecurityEvent event) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(event.actorUserId(), event.action(), event.subject(), event.sourceAddress(), event.details()))
                .mapEmpty();
    }
}
