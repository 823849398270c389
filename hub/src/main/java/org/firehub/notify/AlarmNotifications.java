package org.firehub.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.firehub.alarms.Alarm;
import org.firehub.alarms.AlarmChange;

/** An alarm change as a notification: type {@code alarm.raised} etc., payload {@code {"alarm": {...}}}. */
public final class AlarmNotifications {
    private AlarmNotifications() {}

    public static Notification of(AlarmChange change) {
        Alarm alarm = change.alarm();
        return new Notification(change.kind().eventName(), alarm.grid(), alarm.severity(),
                new JsonObject().put("alarm", toJson(alarm)));
    }

    static JsonObject toJson(Alarm alarm) {
        JsonObject values = new JsonObject();
        alarm.values().forEach(values::put);
        return new JsonObject()
                .put("id", alarm.id())
                .put("deviceId", alarm.subject().deviceId().orElse(null))
                .put("venueId", alarm.subject().venueId())
                .put("grid", alarm.grid())
                .put("hazard", alarm.hazard())
                .put("severity", alarm.severity().wireName())
                .put("ruleId", alarm.ruleId())
                .put("raisedAt", alarm.raisedAt().toString())
                .put("clearedAt", alarm.clearedAt().map(Instant::toString).orElse(null))
                .put("reason", alarm.reason())
                .put("values", values)
                .put("repeats", alarm.repeats())
                .put("acknowledgedAt", alarm.acknowledgedAt().map(Instant::toString).orElse(null))
                .put("acknowledgedBy", alarm.acknowledgedBy().orElse(null));
    }
}
