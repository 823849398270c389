package org.firehub.tickets.evidence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a device's readings prove a hazard gone: over the rule's window up to now, every
 * reading of its fields below the limit, and no {@code every}-long slice of the window without
 * a reading (slices aligned to the window's start). Empty when the evidence holds, else the
 * reason in words for the person who tried to close. A failure means InfluxDB could not be asked.
 */
final class DeviceEvidence {
    private final InfluxReadings influx;
    private final String measurement;

    /** {@code retentionPolicy}: where the hub writes readings; null = the database's default one. */
    DeviceEvidence(InfluxReadings influx, String retentionPolicy) {
        this.influx = influx;
        this.measurement = (retentionPolicy == null ? "" : InfluxReadings.identifier(retentionPolicy) + ".")
                + InfluxReadings.identifier("readings");
    }

    Future<Optional<String>> missing(ClosureRule rule, String deviceId, Instant now) {
        Instant start = now.minus(rule.window());
        String where = " FROM " + measurement + " WHERE \"device_id\" = " + InfluxReadings.literal(deviceId)
                + " AND time >= " + InfluxReadings.literal(start.toString()) + " AND time < " + InfluxReadings.literal(now.toString());
        List<String> statements = new ArrayList<>();
        for (String field : rule.fields()) statements.add("SELECT max(" + InfluxReadings.identifier(field) + ")" + where);
        long every = rule.every().toMillis();
        List<String> counts = rule.fields().stream().map(f -> "count(" + InfluxReadings.identifier(f) + ")").toList();
        statements.add("SELECT " + String.join(", ", counts) + where + " GROUP BY time(" + every + "ms, "
                + Math.floorMod(start.toEpochMilli(), every) + "ms) fill(0)");
        return influx.query(statements).map(results -> judge(rule, deviceId, start, results));
    }

    private static Optional<String> judge(ClosureRule rule, String deviceId, Instant start, List<JsonObject> results) {
        String needs = "closes after " + words(rule.window()) + " of readings below " + number(rule.below());
        for (int i = 0; i < rule.fields().size(); i++) {
            JsonArray rows = InfluxReadings.values(results.get(i));
            if (rows.isEmpty()) continue;
            JsonArray max = rows.getJsonArray(0);
            Double value = max.getDouble(1);
            if (value != null && value >= rule.below()) {
                return Optional.of(rule.fields().get(i) + " reached " + number(value) + " at " + Instant.ofEpochMilli(max.getLong(0))
                        + " in the last " + words(rule.window()) + "; " + needs);
            }
        }
        JsonArray slices = InfluxReadings.values(results.get(rule.fields().size()));
        if (slices.isEmpty()) {
            return Optional.of("no readings of " + String.join(", ", rule.fields()) + " from device " + deviceId
                    + " in the last " + words(rule.window()) + "; " + needs);
        }
        long expected = rule.window().dividedBy(rule.every());
        for (int s = 0; s < expected; s++) {
            Instant sliceStart = start.plus(rule.every().multipliedBy(s));
            if (!reported(slices, sliceStart)) {
                return Optional.of("no readings from device " + deviceId + " between " + sliceStart + " and "
                        + sliceStart.plus(rule.every()) + "; " + needs + " with one at least every " + words(rule.every()));
            }
        }
        return Optional.empty();
    }

    /** Whether the slice starting at {@code sliceStart} counted any reading of any field. */
    private static boolean reported(JsonArray slices, Instant sliceStart) {
        for (int r = 0; r < slices.size(); r++) {
            JsonArray row = slices.getJsonArray(r);
            if (row.getLong(0) != sliceStart.toEpochMilli()) continue;
            for (int c = 1; c < row.size(); c++) {
                Number n = (Number) row.getValue(c);
                if (n != null && n.longValue() > 0) return true;
            }
            return false;
        }
        return false;
    }

    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String words(Duration d) {
        if (d.toMinutes() % 60 == 0) return d.toHours() + " h";
        return d.toMinutes() + " min";
    }
}
