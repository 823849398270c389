package org.firehub.ingest.mqtt;

import java.util.Optional;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;

/**
 * A publish topic of the wire contract, {@code devices/{deviceId}/telemetry} or
 * {@code devices/{deviceId}/events}, and the subscription topic {@code devices/{deviceId}/commands}.
 */
public record DeviceTopic(DeviceId deviceId, Channel channel) {
    private static final String PREFIX = "devices/";

    /** The device and channel a publish topic names, or empty when it is not a contract topic. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) return Optional.empty();
        int slash = topic.indexOf('/', PREFIX.length());
        if (slash < 0) return Optional.empty();
        String id = topic.substring(PREFIX.length(), slash);
        if (!DeviceId.isValid(id)) return Optional.empty();
        Channel channel = switch (topic.substring(slash + 1)) {
            case "telemetry" -> Channel.TELEMETRY;
            case "events" -> Channel.EVENTS;
            default -> null;
        };
        return channel == null ? Optional.empty() : Optional.of(new DeviceTopic(new DeviceId(id), channel));
    }

    /** The topic on which the hub sends a device its commands. */
    public static String commandsOf(DeviceId deviceId) {
        return PREFIX + deviceId.value() + "/commands";
    }
}
