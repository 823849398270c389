package org.firehub.timeseries;

import java.util.Map;
import org.firehub.device.Device;
import org.firehub.ingest.DeviceMessage;

/**
 * The time-series schema (a contract: dashboards query it), written as InfluxDB line protocol
 * straight from a {@link DeviceMessage}. A message becomes at most one {@code readings} point
 * (one float field per reading) and one {@code events} point per event (tag {@code event},
 * integer field {@code seq}, 0 when the device sent none). Both carry the tags
 * {@code device_id, kind, venue_id, grid}; an empty tag value is left out, as InfluxDB cannot
 * store one. Timestamps are in milliseconds: write with {@code precision=ms}.
 *
 * <p>Why not influxdb-java's {@code Point}: building one costs two TreeMaps, a boxed value per
 * field and a {@code NumberFormat} per double; a JFR profile put ~21 % of the hub's CPU there
 * (docs/benchmarks.md). Here the tag keys are appended in the order InfluxDB sorts them
 * ({@code device_id, event, grid, kind, venue_id}), so it has nothing to reorder.
 */
final class LineProtocol {
    static final String READINGS = "readings";
    static final String EVENTS = "events";

    private LineProtocol() {}

    /**
     * Appends the message's points, one line each ending in {@code '\n'}.
     *
     * @return how many points were appended
     * @throws IllegalArgumentException when a tag value or reading name holds a line break,
     *         which line protocol cannot carry (it would end the point early)
     */
    static int append(StringBuilder out, DeviceMessage message) {
        int points = 0;
        Map<String, Double> readings = message.readings();
        if (!readings.isEmpty()) {
            out.append(READINGS);
            tags(out, message.device(), null);
            char separator = ' ';
            for (Map.Entry<String, Double> reading : readings.entrySet()) {
                out.append(separator);
                escaped(out, reading.getKey());
                // Double.toString always has a '.' or an exponent ("87.0", "1.0E-5"): InfluxDB reads
                // it back as the same double, and as a float even when the value is whole.
                out.append('=').append(reading.getValue().doubleValue());
                separator = ',';
            }
            out.append(' ').append(message.timestampMillis()).append('\n');
            points++;
        }
        long seq = message.seq().orElse(0);
        for (String event : message.events()) {
            out.append(EVENTS);
            tags(out, message.device(), event);
            out.append(" seq=").append(seq).append("i ").append(message.timestampMillis()).append('\n');
            points++;
        }
        return points;
    }

    /** The tags in InfluxDB's order (sorted by key); {@code event} only for the events measurement. */
    private static void tags(StringBuilder out, Device device, String event) {
        // A DeviceId is [A-Za-z0-9_-]{1,64} by construction: nothing to escape.
        out.append(",device_id=").append(device.id().value());
        if (event != null) tag(out, "event", event);
        tag(out, "grid", device.grid());
        tag(out, "kind", device.kind());
        out.append(",venue_id=").append(device.venueId());
    }

    private static void tag(StringBuilder out, String key, String value) {
        if (value == null || value.isEmpty()) return;
        out.append(',').append(key).append('=');
        escaped(out, value);
    }

    /**
     * Tag values and field keys: comma, space and equals sign are escaped with a backslash, as
     * InfluxDB 1.x reads them (other backslashes pass through as they are, as influxdb-java did).
     */
    private static void escaped(StringBuilder out, String text) {
        // Copies runs between the characters to escape in bulk: tags and reading names seldom hold
        // any, and a char-by-char append showed up in the profile.
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || c == '=') {
                out.append(text, run, i).append('\\').append(c);
                run = i + 1;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("line break in '" + text.replace("\n", "\\n").replace("\r", "\\r")
                        + "' cannot be written in line protocol");
            }
        }
        if (run == 0) out.append(text);
        else out.append(text, run, text.length());
    }
}
