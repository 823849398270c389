package org.firehub.tickets.figures;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.firehub.people.AccessScope;

/**
 * Closure figures computed in PostgreSQL, one statement per report: the groups and the total in
 * one pass ({@code GROUPING SETS}), percentiles with {@code percentile_cont}, filtered to the
 * person's scope. Every number of a row is about the same tickets: those opened (created) in the
 * period, counted by what they are now.
 */
public final class TicketFigures {
    private static final String OVERDUE = "t.state NOT IN ('CLOSED', 'CANCELLED') AND CASE WHEN t.state = 'SUBMITTED'"
            + " THEN coalesce(t.verify_by, t.deadline) ELSE t.deadline END < $3";
    private static final String HOURS_TO_CLOSE = "extract(epoch FROM t.closed_at - t.created_at) / 3600.0";

    private final Pool pool;

    public TicketFigures(Pool pool) {
        this.pool = pool;
    }

    public Future<FigureReport> report(AccessScope scope, FigureGrouping by, FigurePeriod period, Instant now) {
        Tuple params = Tuple.of(period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));
        String scopeCondition = switch (scope) {
            case AccessScope.Everything everything -> "TRUE";
            case AccessScope.Grids grids -> grids.grids().isEmpty() ? "FALSE"
                    : "v.grid = ANY(" + param(params, grids.grids().toArray(String[]::new)) + ")";
            case AccessScope.Venues venues -> venues.venueIds().isEmpty() ? "FALSE"
                    : "t.venue_id = ANY(" + param(params, venues.venueIds().toArray(Long[]::new)) + ")";
        };
        String key = by.sql();
        String name = by == FigureGrouping.VENUE ? "v.name" : "NULL::text";
        String groupSet = by == FigureGrouping.VENUE ? "(" + key + ", v.name)" : "(" + key + ")";
        String sql = "SELECT (" + key + ")::text AS grp, " + name + " AS name, GROUPING(" + key + ") = 1 AS is_total,"
                + " count(*) AS opened,"
                + " count(*) FILTER (WHERE t.state = 'CLOSED') AS closed,"
                + " count(*) FILTER (WHERE t.state = 'CANCELLED') AS cancelled,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + HOURS_TO_CLOSE + ") FILTER (WHERE t.state = 'CLOSED') AS median_h,"
                + " percentile_cont(0.9) WITHIN GROUP (ORDER BY " + HOURS_TO_CLOSE + ") FILTER (WHERE t.state = 'CLOSED') AS p90_h,"
                + " count(*) FILTER (WHERE " + OVERDUE + ") AS overdue_now,"
                + " count(*) FILTER (WHERE t.escalated_at IS NOT NULL) AS escalated"
                + " FROM tickets t JOIN venues v ON v.id = t.venue_id"
                + " WHERE t.created_at >= $1 AND t.created_at < $2 AND " + scopeCondition
                + " GROUP BY GROUPING SETS (" + groupSet + ", ())"
                + " ORDER BY is_total, " + key;
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<FigureRow> groups = new ArrayList<>();
            FigureRow total = null;
            for (Row r : rows) {
                FigureRow row = row(r);
                if (row.isTotal()) total = row;
                else groups.add(row);
            }
            // GROUPING SETS always yields the () row, even over no tickets at all.
            return new FigureReport(by, period, now, groups, total);
        });
    }

    private static FigureRow row(Row r) {
        boolean total = r.getBoolean("is_total");
        long opened = r.getLong("opened");
        long closed = r.getLong("closed");
        long cancelled = r.getLong("cancelled");
        long counted = opened - cancelled;
        OptionalDouble rate = counted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) closed / counted);
        return new FigureRow(total ? Optional.empty() : Optional.ofNullable(r.getString("grp")),
                total ? Optional.empty() : Optional.ofNullable(r.getString("name")), opened, closed, cancelled, rate,
                optional(r.getDouble("median_h")), optional(r.getDouble("p90_h")), r.getLong("overdue_now"),
                r.getLong("escalated"));
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static String param(Tuple params, Object value) {
        params.addValue(value);
        return "$" + params.size();
    }
}
