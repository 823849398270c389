package org.firehub.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.mqtt.MqttEndpoint;

/** What differs between an MQTT 3.1/3.1.1 and an MQTT 5 client. */
final class MqttVersions {
    private MqttVersions() {}

    static boolean isMqtt5(MqttEndpoint endpoint) {
        return endpoint.protocolVersion() >= MqttVersion.MQTT_5.protocolLevel();
    }

    /** MQTT 5 Request Problem Information (default 1): may reason strings go on PUBACKs? */
    static boolean wantsProblemInformation(MqttEndpoint endpoint) {
        if (!isMqtt5(endpoint) || endpoint.connectProperties() == null) return false;
        MqttProperties.MqttProperty<?> property =
                endpoint.connectProperties().getProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION);
        return property == null || !Integer.valueOf(0).equals(property.value());
    }
}
