package org.firehub.timeseries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.firehub.device.Device;
import org.firehub.ingest.DeviceMessage;
import org.influxdb.dto.Point;

/**
 * The hub's former encoder, through influxdb-java's {@code Point}: kept as the reference that
 * {@link LineProtocolEquivalenceTest} holds {@link LineProtocol} to. The schema it writes is the
 * contract described on {@link LineProtocol}.
 */
final class PointMapper {
    static final String READINGS = "readings";
    static final String EVENTS = "events";

    private PointMapper() {}

    static List<Point> points(DeviceMessage message) {
        List<Point> points = new ArrayList<>(1 + message.events().size());
        if (!message.readings().isEmpty()) {
            Point.Builder readings = tagged(READINGS, message);
            for (Map.Entry<String, Double> reading : message.readings().entrySet()) {
                readings.addField(reading.getKey(), reading.getValue().doubleValue());
            }
            points.add(readings.build());
        }
        long seq = message.seq().orElse(0);
        for (String event : message.events()) {
            points.add(tagged(EVENTS, message).tag("event", event).addField("seq", seq).build());
        }
        return points;
    }

    private static Point.Builder tagged(String measurement, DeviceMessage message) {
        Device device = message.device();
        Point.Builder point = Point.measurement(measurement).time(message.timestampMillis(), TimeUnit.MILLISECONDS);
        tag(point, "device_id", device.id().value());
        tag(point, "kind", device.kind());
        tag(point, "venue_id", Long.toString(device.venueId()));
        tag(point, "grid", device.grid());
        return point;
    }

    private static void tag(Point.Builder point, String name, String value) {
        if (value != null && !value.isEmpty()) point.tag(name, value);
    }
}
