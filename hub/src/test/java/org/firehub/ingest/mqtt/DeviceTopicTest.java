package org.firehub.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.firehub.device.DeviceId;
import org.firehub.ingest.Channel;
import org.junit.jupiter.api.Test;

class DeviceTopicTest {
    @Test
    void contractTopicsNameTheDeviceAndChannel() {
        assertThat(DeviceTopic.parse("devices/smoke-1/telemetry"))
                .contains(new DeviceTopic(new DeviceId("smoke-1"), Channel.TELEMETRY));
        assertThat(DeviceTopic.parse("devices/Gas_09/events")).contains(new DeviceTopic(new DeviceId("Gas_09"), Channel.EVENTS));
    }

    @Test
    void anythingElseIsNotADeviceTopic() {
        for (String topic : new String[] {null, "", "devices/", "devices//telemetry", "devices/smoke-1",
                "devices/smoke-1/", "devices/smoke-1/commands", "devices/smoke-1/telemetry/x", "Devices/smoke-1/telemetry",
                "devices/sm oke/telemetry", "devices/+/telemetry", "devices/#", "/devices/smoke-1/telemetry",
                "devices/" + "x".repeat(65) + "/telemetry"}) {
            assertThat(DeviceTopic.parse(topic)).as(String.valueOf(topic)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void commandTopicIsTheDevicesOwn() {
        assertThat(DeviceTopic.commandsOf(new DeviceId("smoke-1"))).isEqualTo("devices/smoke-1/commands");
    }
}
