package org.firehub.tickets;

import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.firehub.people.AccessScope;

/** A WHERE clause over {@code tickets t JOIN venues v} from a query and a scope, with $n parameters. */
final class TicketFilter {
    private final List<String> conditions = new ArrayList<>();
    private final Tuple params = Tuple.tuple();

    static TicketFilter of(TicketQuery query, AccessScope scope, Instant now) {
        TicketFilter f = new TicketFilter().scope(scope);
        if (!query.states().isEmpty()) {
            f.add("t.state = ANY(", query.states().stream().map(Enum::name).toArray(String[]::new)).close();
        }
        query.venueId().ifPresent(id -> f.add("t.venue_id = ", id));
        query.grid().ifPresent(grid -> f.add("v.grid = ", grid));
        query.assigneeId().ifPresent(id -> f.add("t.assignee_user_id = ", id));
        query.hazard().ifPresent(hazard -> f.add("t.hazard = ", hazard));
        query.severity().ifPresent(s -> f.add("t.severity = ", s.wireName()));
        if (query.overdue()) {
            String p = f.param(TicketRows.utc(now));
            f.conditions.add("t.state NOT IN ('CLOSED', 'CANCELLED') AND CASE WHEN t.state = 'SUBMITTED'"
                    + " THEN coalesce(t.verify_by, t.deadline) ELSE t.deadline END < " + p);
        }
        return f;
    }

    static TicketFilter byId(long id, AccessScope scope) {
        return new TicketFilter().scope(scope).add("t.id = ", id);
    }

    private TicketFilter scope(AccessScope scope) {
        switch (scope) {
            case AccessScope.Everything everything -> { }
            case AccessScope.Grids grids -> {
                if (grids.grids().isEmpty()) conditions.add("FALSE");
                else add("v.grid = ANY(", grids.grids().toArray(String[]::new)).close();
            }
            case AccessScope.Venues venues -> {
                if (venues.venueIds().isEmpty()) conditions.add("FALSE");
                else add("t.venue_id = ANY(", venues.venueIds().toArray(Long[]::new)).close();
            }
        }
        return this;
    }

    private TicketFilter add(String condition, Object value) {
        conditions.add(condition + param(value));
        return this;
    }

    private void close() {
        conditions.set(conditions.size() - 1, conditions.getLast() + ")");
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Tuple params() {
        return params;
    }

    String param(Object value) {
        params.addValue(value);
        return "$" + params.size();
    }
}
