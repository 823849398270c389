package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firehub.web.ApiProblem;

/** Who owns which venue, for the admin API; every change audited in its transaction. */
public final class PgOwners {
    private static final String OWNERS = "SELECT u.id, u.username, u.display_name FROM venue_owners o"
            + " JOIN users u ON u.id = o.user_id WHERE o.venue_id = $1 ORDER BY u.username";

    /** A venue's owner as listed. */
    public record Owner(long id, String username, String displayName) {}

    private final Pool pool;

    public PgOwners(Pool pool) {
        this.pool = pool;
    }

    /** The venue's owners; empty when there is no such venue. */
    public Future<Optional<List<Owner>>> list(long venueId) {
        return venueExists(pool, venueId).compose(exists -> exists
                ? pool.preparedQuery(OWNERS).execute(Tuple.of(venueId)).map(rows -> {
                    List<Owner> owners = new ArrayList<>(rows.size());
                    for (Row row : rows) owners.add(new Owner(row.getLong("id"), row.getString("username"), row.getString("display_name")));
                    return Optional.of(owners);
                })
                : Future.succeededFuture(Optional.empty()));
    }

    /**
     * Makes the user an owner of the venue (again: no change, no audit entry). The user must have
     * the role venue_owner (400 {@code not_a_venue_owner}); false when there is no such venue.
     */
    public Future<Boolean> add(long venueId, long userId, Actor actor) {
        return pool.withTransaction(tx -> venueExists(tx, venueId).compose(exists -> {
            if (!exists) return Future.succeededFuture(false);
            return requireOwnerRole(tx, userId)
                    .compose(v -> tx.preparedQuery("INSERT INTO venue_owners (user_id, venue_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(userId, venueId)))
                    .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
                            : SecurityAudit.record(tx, actor.event("venue.owner_added", "venue:" + venueId).with("userId", userId)))
                    .map(true);
        }));
    }

    /** Ends the user's ownership of the venue (not an owner: no change); false when there is no such venue. */
    public Future<Boolean> remove(long venueId, long userId, Actor actor) {
        return pool.withTransaction(tx -> venueExists(tx, venueId).compose(exists -> {
            if (!exists) return Future.succeededFuture(false);
            return tx.preparedQuery("DELETE FROM venue_owners WHERE user_id = $1 AND venue_id = $2").execute(Tuple.of(userId, venueId))
                    .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
                            : SecurityAudit.record(tx, actor.event("venue.owner_removed", "venue:" + venueId).with("userId", userId)))
                    .map(true);
        }));
    }

    private static Future<Boolean> venueExists(SqlClient client, long venueId) {
        return client.preparedQuery("SELECT 1 FROM venues WHERE id = $1").execute(Tuple.of(venueId)).map(rows -> rows.size() > 0);
    }

    private static Future<Void> requireOwnerRole(SqlClient tx, long userId) {
        return tx.preparedQuery("SELECT role FROM users WHERE id = $1").execute(Tuple.of(userId)).compose(rows -> {
            if (rows.size() == 0) return Future.failedFuture(new ApiProblem(400, "not_a_venue_owner", "no user " + userId));
            String role = rows.iterator().next().getString("role");
            if (!Role.VENUE_OWNER.wireName().equals(role)) {
                return Future.failedFuture(new ApiProblem(400, "not_a_venue_owner",
                        "only a venue_owner can own a venue; user " + userId + " is " + role));
            }
            return Future.succeededFuture();
        });
    }
}
