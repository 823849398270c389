package org.firehub.alarms;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from a query and a scope, with positional parameters ($1, $2, ...). */
final class AlarmFilter {
    private final List<String> conditions = new ArrayList<>();
    private final Tuple params = Tuple.tuple();

    static AlarmFilter of(AlarmQuery query, AlarmScope scope) {
        AlarmFilter filter = new AlarmFilter().scope(scope);
        query.active().ifPresent(active -> filter.conditions.add(active ? "a.cleared_at IS NULL" : "a.cleared_at IS NOT NULL"));
        query.venueId().ifPresent(id -> filter.add("a.venue_id = ", id));
        query.deviceId().ifPresent(id -> filter.add("a.device_id = ", id));
        query.hazard().ifPresent(hazard -> filter.add("a.hazard = ", hazard));
        query.severity().ifPresent(severity -> filter.add("a.severity = ", severity.wireName()));
        query.since().ifPresent(since -> filter.add("a.raised_at >= ", AlarmRows.utc(since)));
        return filter;
    }

    static AlarmFilter byId(long id, AlarmScope scope) {
        return new AlarmFilter().scope(scope).add("a.id = ", id);
    }

    private AlarmFilter scope(AlarmScope scope) {
        switch (scope) {
            case AlarmScope.Everything everything -> { }
            case AlarmScope.Grid grid -> add("a.grid = ", grid.grid());
            case AlarmScope.Grids grids -> {
                if (grids.grids().isEmpty()) {
                    conditions.add("FALSE");
                } else {
                    add("a.grid = ANY(", grids.grids().toArray(String[]::new));
                    conditions.set(conditions.size() - 1, conditions.getLast() + ")");
                }
            }
            case AlarmScope.Venues venues -> {
                if (venues.venueIds().isEmpty()) {
                    conditions.add("FALSE");
                } else {
                    add("a.venue_id = ANY(", venues.venueIds().toArray(Long[]::new));
                    conditions.set(conditions.size() - 1, conditions.getLast() + ")");
                }
            }
        }
        return this;
    }

    private AlarmFilter add(String condition, Object value) {
        params.addValue(value);
        conditions.add(condition + "$" + params.size());
        return this;
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Tuple params() {
        return params;
    }

    /** Adds one more parameter (e.g. the limit) and returns its placeholder. */
    String param(Object value) {
        params.addValue(value);
        return "$" + params.size();
    }
}
