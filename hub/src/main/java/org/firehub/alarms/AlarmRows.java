package org.firehub.alarms;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.firehub.rules.Severity;

/** Between {@code alarms} rows and {@link Alarm}s. Every query selects {@link #COLUMNS}. */
final class AlarmRows {
    /** The columns of an alarm, from {@code alarms a LEFT JOIN users u ON u.id = a.acknowledged_by}. */
    static final String COLUMNS = "a.id, a.venue_id, a.device_id, a.rule_id, a.hazard, a.severity, a.grid, a.raised_at,"
            + " a.cleared_at, a.clear_reason, a.trigger_values, a.reason, a.repeats, a.last_repeat_at,"
            + " a.acknowledged_at, a.acknowledged_by, u.username AS acknowledged_by_name";
    static final String FROM = " FROM alarms a LEFT JOIN users u ON u.id = a.acknowledged_by";

    private AlarmRows() {}

    static Alarm alarm(Row row) {
        String deviceId = row.getString("device_id");
        long venueId = row.getLong("venue_id");
        AlarmSubject subject = deviceId == null ? AlarmSubject.venue(venueId) : AlarmSubject.device(venueId, deviceId);
        String severity = row.getString("severity");
        return new Alarm(row.getLong("id"), subject, row.getString("grid"), row.getString("rule_id"),
                row.getString("hazard"),
                Severity.fromWireName(severity).orElseThrow(() -> new IllegalStateException("unknown severity " + severity)),
                instant(row, "raised_at").orElseThrow(), instant(row, "cleared_at"), values(row.getJsonObject("trigger_values")),
                row.getString("reason"), row.getInteger("repeats"), instant(row, "acknowledged_at"),
                Optional.ofNullable(row.getString("acknowledged_by_name")));
    }

    static AlarmDetail detail(Row row, java.util.List<AlarmComment> comments) {
        return new AlarmDetail(alarm(row), instant(row, "last_repeat_at"), Optional.ofNullable(row.getString("clear_reason")),
                comments);
    }

    static AlarmComment comment(Row row) {
        return new AlarmComment(row.getLong("id"), row.getLong("alarm_id"), row.getString("author"), row.getString("text"),
                instant(row, "created_at").orElseThrow());
    }

    static Optional<Instant> instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Non-finite values (a derived rate over a zero window, say) become JSON null: JSON has no NaN,
     * and an alarm must never be lost because one of its figures is odd. The reason text keeps it.
     */
    static JsonObject json(Map<String, Double> values) {
        JsonObject json = new JsonObject();
        values.forEach((name, value) -> json.put(name, value != null && Double.isFinite(value) ? value : null));
        return json;
    }

    private static Map<String, Double> values(JsonObject json) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> {
                if (e.getValue() instanceof Number n) values.put(e.getKey(), n.doubleValue());
            });
        }
        return values;
    }
}
