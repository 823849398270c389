package org.firehub.risk;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One SQL statement for the facts of many venues: each venue's open tickets, devices (offline,
 * faulty), recent alarms and last inspection, by lateral subqueries that each use an index on
 * venue_id. Venues that do not exist are simply absent from the answer.
 */
final class RiskFactsQuery {
    private static final String SQL = """
            SELECT v.id,
                   t.open_critical, t.open_major, t.open_minor, t.overdue_critical, t.overdue,
                   d.devices, d.offline, d.faulty,
                   a.recent_critical, a.recent,
                   greatest(i.last_closed, i.last_patrol) AS last_inspection
            FROM venues v
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE severity = 'critical') AS open_critical,
                       count(*) FILTER (WHERE severity = 'major') AS open_major,
                       count(*) FILTER (WHERE severity = 'minor') AS open_minor,
                       count(*) FILTER (WHERE severity = 'critical' AND deadline < $2) AS overdue_critical,
                       count(*) FILTER (WHERE deadline < $2) AS overdue
                FROM tickets WHERE venue_id = v.id AND state NOT IN ('CLOSED', 'CANCELLED')) t
            CROSS JOIN LATERAL (
                SELECT count(*) AS devices,
                       count(*) FILTER (WHERE coalesce(p.last_seen_at, dv.created_at) < $3
                           OR EXISTS (SELECT 1 FROM alarms al WHERE al.device_id = dv.device_id
                                      AND al.cleared_at IS NULL AND al.hazard = ANY($6))) AS offline,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alarms al WHERE al.device_id = dv.device_id
                                                      AND al.cleared_at IS NULL AND al.hazard = ANY($5))
                           OR EXISTS (SELECT 1 FROM tickets tk WHERE tk.venue_id = v.id AND tk.device_id = dv.device_id
                                      AND tk.state NOT IN ('CLOSED', 'CANCELLED') AND tk.hazard = ANY($5))) AS faulty
                FROM devices dv LEFT JOIN device_presence p ON p.device_id = dv.device_id
                WHERE dv.venue_id = v.id) d
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE severity = 'critical') AS recent_critical, count(*) AS recent
                FROM alarms WHERE venue_id = v.id AND raised_at >= $4) a
            CROSS JOIN LATERAL (
                SELECT max(closed_at) FILTER (WHERE state = 'CLOSED') AS last_closed,
                       max(last_seen_at) FILTER (WHERE source = 'patrol') AS last_patrol
                FROM tickets WHERE venue_id = v.id) i
            WHERE v.id = ANY($1)
            """;

    private final Pool pool;
    private final RiskRules rules;

    RiskFactsQuery(Pool pool, RiskRules rules) {
        this.pool = pool;
        this.rules = rules;
    }

    Future<Map<Long, VenueFacts>> factsOf(Collection<Long> venueIds, Instant now) {
        Tuple args = Tuple.of(venueIds.toArray(Long[]::new), at(now), at(now.minus(rules.offlineAfter())),
                at(now.minus(rules.recentAlarms())), rules.faultHazards().toArray(String[]::new),
                rules.offlineHazards().toArray(String[]::new));
        return pool.preparedQuery(SQL).execute(args).map(rows -> {
            Map<Long, VenueFacts> facts = new HashMap<>();
            for (Row row : rows) facts.put(row.getLong("id"), facts(row));
            return facts;
        });
    }

    private static VenueFacts facts(Row row) {
        OffsetDateTime last = row.getOffsetDateTime("last_inspection");
        return new VenueFacts(count(row, "open_critical"), count(row, "open_major"), count(row, "open_minor"),
                count(row, "overdue_critical"), count(row, "overdue"), count(row, "devices"), count(row, "offline"),
                count(row, "faulty"), count(row, "recent_critical"), count(row, "recent"),
                Optional.ofNullable(last).map(OffsetDateTime::toInstant));
    }

    private static int count(Row row, String column) {
        return Math.toIntExact(row.getLong(column));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
