package org.firehub.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@link AccessScope} of a person, read from PostgreSQL on every call: admins and supervisors
 * the town; a grid worker the grids in {@code grid_members} plus the grids they lead; a venue owner
 * the venues in {@code venue_owners}; a disabled or deleted user nothing.
 *
 * <p>Deliberately uncached: moving a worker to another grid or taking a venue from an owner must
 * hold on their very next request. The query is one round trip on primary-key indexes
 * ({@code users}, {@code grid_members (user_id, grid)}, {@code venue_owners (user_id, venue_id)});
 * {@code grids} is scanned for the leader, which is a town's few hundred rows at most.
 *
 * <p>The role comes from the row, not from the session's {@link Principal}, so a demotion narrows
 * the scope even before the person's sessions are revoked.
 */
public final class PgAccessScopes implements AccessScopes {
    private static final String SCOPE = "SELECT u.role, u.disabled,"
            + " ARRAY(SELECT m.grid FROM grid_members m WHERE m.user_id = u.id"
            + "       UNION SELECT g.code FROM grids g WHERE g.leader_user_id = u.id) AS grids,"
            + " ARRAY(SELECT o.venue_id FROM venue_owners o WHERE o.user_id = u.id) AS venues"
            + " FROM users u WHERE u.id = $1";

    private final Pool pool;

    public PgAccessScopes(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<AccessScope> of(Principal principal) {
        return pool.preparedQuery(SCOPE).execute(Tuple.of(principal.userId()))
                .map(rows -> rows.size() == 0 ? AccessScope.nothing() : scopeOf(rows.iterator().next()))
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "cannot read the access scope of user " + principal.userId() + ": " + e.getMessage(), e)));
    }

    private static AccessScope scopeOf(Row row) {
        if (row.getBoolean("disabled")) return AccessScope.nothing();
        Role role = Role.fromWireName(row.getString("role")).orElse(null);
        if (role == null) return AccessScope.nothing();
        return switch (role) {
            case ADMIN, SUPERVISOR -> AccessScope.everything();
            case GRID_WORKER -> new AccessScope.Grids(Set.of(row.getArrayOfStrings("grids")));
            case VENUE_OWNER -> new AccessScope.Venues(new HashSet<>(java.util.Arrays.asList(row.getArrayOfLongs("venues"))));
        };
    }
}
