package org.firehub.alarms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of an alarm, one shape for the list ({@code GET /api/v1/alarms}), the live feed and
 * outbound notifications. The contract fields ({@code id, deviceId, venueId, hazard, severity,
 * raisedAt, clearedAt}) are always present, null when absent; timestamps are ISO-8601 UTC.
 */
public final class AlarmJson {
    private AlarmJson() {}

    public static JsonObject toJson(Alarm alarm) {
        JsonObject values = AlarmRows.json(alarm.values());
        return new JsonObject()
                .put("id", alarm.id())
                .put("deviceId", alarm.subject().deviceId().orElse(null))
                .put("venueId", alarm.subject().venueId())
                .put("hazard", alarm.hazard())
                .put("severity", alarm.severity().wireName())
                .put("raisedAt", alarm.raisedAt().toString())
                .put("clearedAt", text(alarm.clearedAt()))
                .put("ruleId", alarm.ruleId())
                .put("grid", alarm.grid())
                .put("values", values)
                .put("reason", alarm.reason())
                .put("repeats", alarm.repeats())
                .put("acknowledgedAt", text(alarm.acknowledgedAt()))
                .put("acknowledgedBy", alarm.acknowledgedBy().orElse(null));
    }

    /** The list shape plus {@code lastRepeatAt}, {@code clearReason} and {@code comments}. */
    public static JsonObject toJson(AlarmDetail detail) {
        JsonArray comments = new JsonArray();
        detail.comments().forEach(c -> comments.add(toJson(c)));
        return toJson(detail.alarm())
                .put("lastRepeatAt", text(detail.lastRepeatAt()))
                .put("clearReason", detail.clearReason().orElse(null))
                .put("comments", comments);
    }

    public static JsonObject toJson(AlarmComment comment) {
        return new JsonObject().put("id", comment.id()).put("alarmId", comment.alarmId()).put("author", comment.author())
                .put("text", comment.text()).put("createdAt", comment.createdAt().toString());
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
