package org.firehub.ingest;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;

/**
 * One accepted message from a device: its readings and events at one instant, tagged with
 * where the device is. This is what the spool makes durable and the drainer writes to
 * InfluxDB ({@code readings} and {@code events} measurements).
 *
 * @param device the sending device with its kind, venue and grid at acceptance time
 * @param timestampMillis the device's {@code ts}, or the arrival time when it sent none
 * @param seq the device's sequence counter, if it sent one
 * @param readings reading name to finite value, in the order the device sent them
 * @param events event names, in the order the device sent them
 * @param receivedAtMillis when the hub accepted the message (for spool lag)
 */
public record DeviceMessage(
        Device device,
        long timestampMillis,
        OptionalLong seq,
        Map<String, Double> readings,
        List<String> events,
        long receivedAtMillis) {

    public DeviceMessage {
        readings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(readings));
        events = List.copyOf(events);
        readings.values().forEach(v -> {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("reading is not finite: " + v);
        });
    }
}
