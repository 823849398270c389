package org.firehub.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Real Paho clients (3.1.1 and 5) connected the way devices connect: username = id, password = token. */
final class PahoClients {
    private PahoClients() {}

    static MqttAsyncClient v3(String url, String deviceId, String token) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "c-" + deviceId + "-" + System.nanoTime(), new MemoryPersistence());
        client.connect(v3Options(deviceId, token)).waitForCompletion(10_000);
        return client;
    }

    static MqttConnectOptions v3Options(String deviceId, String token) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setMaxInflight(100);
        if (deviceId != null) options.setUserName(deviceId);
        if (token != null) options.setPassword(token.toCharArray());
        return options;
    }

    static org.eclipse.paho.mqttv5.client.MqttAsyncClient v5(String url, String deviceId, String token) throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(url, "c5-" + deviceId + "-" + System.nanoTime(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.connect(v5Options(deviceId, token)).waitForCompletion(10_000);
        return client;
    }

    static MqttConnectionOptions v5Options(String deviceId, String token) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (deviceId != null) options.setUserName(deviceId);
        if (token != null) options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        return options;
    }

    static org.eclipse.paho.mqttv5.common.MqttMessage v5Message(String body, int qos) {
        var message = new org.eclipse.paho.mqttv5.common.MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        return message;
    }

    /** The reason code of the PUBACK that completed a Paho v5 QoS 1 publish (error codes arrive as exceptions). */
    static int pubAckCode(IMqttToken token) {
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    static String reasonString(IMqttToken token) {
        return token.getResponseProperties() == null ? null : token.getResponseProperties().getReasonString();
    }
}
