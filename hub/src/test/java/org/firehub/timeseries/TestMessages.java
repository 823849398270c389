package org.firehub.timeseries;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;

/** Device messages for tests. */
public final class TestMessages {
    public static final long BASE_TS = 1_763_800_000_000L;

    private TestMessages() {}

    public static Device smoke(String deviceId) {
        return new Device(new DeviceId(deviceId), "smoke", 7, "grid-3");
    }

    /** A smoke alarm reading; {@code i} makes its timestamp (and so its point) unique per device. */
    public static DeviceMessage reading(String deviceId, int i) {
        return new DeviceMessage(smoke(deviceId), BASE_TS + i, OptionalLong.of(i),
                Map.of("temperature_c", 20.0 + i % 10, "battery_pct", 87.0), List.of(), System.currentTimeMillis());
    }

    public static DeviceMessage withReadings(String deviceId, int i, Map<String, Double> readings) {
        return new DeviceMessage(smoke(deviceId), BASE_TS + i, OptionalLong.of(i), readings, List.of(), System.currentTimeMillis());
    }
}
