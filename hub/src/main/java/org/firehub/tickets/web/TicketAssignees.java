package org.firehub.tickets.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The enabled people a ticket of a venue may be dispatched to: the grid workers of the venue's
 * grid (members, or its leader), the venue's owners, and the supervisors. These are exactly the
 * people whose own scope holds the venue, which the dispatch itself insists on
 * (docs/tickets.md, "the assignee must be able to work the venue"); admins are left out because
 * they run the hub, not the fieldwork.
 *
 * <p>Grid workers come first, then owners, then supervisors, each by name: the likeliest choice
 * tops the list a supervisor scrolls on a phone.
 */
public final class TicketAssignees {
    private static final String SQL = "WITH venue AS (SELECT id, grid FROM venues WHERE id = $1)"
            + " SELECT u.id, u.username, u.display_name, u.role FROM users u, venue v"
            + " WHERE NOT u.disabled AND ("
            + "   u.role = 'supervisor'"
            + "   OR (u.role = 'grid_worker' AND (EXISTS (SELECT 1 FROM grid_members m WHERE m.user_id = u.id AND m.grid = v.grid)"
            + "       OR EXISTS (SELECT 1 FROM grids g WHERE g.code = v.grid AND g.leader_user_id = u.id)))"
            + "   OR (u.role = 'venue_owner' AND EXISTS (SELECT 1 FROM venue_owners o WHERE o.user_id = u.id AND o.venue_id = v.id)))"
            + " ORDER BY CASE u.role WHEN 'grid_worker' THEN 0 WHEN 'venue_owner' THEN 1 ELSE 2 END,"
            + "   coalesce(u.display_name, u.username), u.id";

    /** One person to offer; {@code role} is the wire name ({@code grid_worker}, ...). */
    public record Assignee(long id, String username, Optional<String> displayName, String role) {}

    private final Pool pool;

    public TicketAssignees(Pool pool) {
        this.pool = pool;
    }

    /** The candidates for a ticket of {@code venueId}; empty for an unknown venue. */
    public Future<List<Assignee>> forVenue(long venueId) {
        return pool.preparedQuery(SQL).execute(Tuple.of(venueId))
                .map(rows -> {
                    List<Assignee> people = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        people.add(new Assignee(row.getLong("id"), row.getString("username"),
                                Optional.ofNullable(row.getString("display_name")), row.getString("role")));
                    }
                    return people;
                })
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "cannot read the possible assignees for venue " + venueId + ": " + e.getMessage(), e)));
    }
}
