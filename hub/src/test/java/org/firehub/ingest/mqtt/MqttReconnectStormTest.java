package org.firehub.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MqttReconnectStormTest {
    private static final int CONNECTS = 200;

    private static MqttTestHub hub;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        hub = new MqttTestHub("mqtt_storm");
        token = hub.registerDevice("smoke-1");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void twoHundredConcurrentConnectsOfOneDeviceCostOneDatabaseLookup() throws Exception {
        List<RawMqttClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTS; i++) {
                clients.add(RawMqttClient.connect(hub.port, i % 2 == 0 ? 4 : 5, "storm-" + i, "smoke-1", token, 60));
            }
            for (RawMqttClient client : clients) {
                RawMqttClient.Packet connack = client.read(Duration.ofSeconds(10));
                assertThat(connack).as("every client gets a CONNACK").isNotNull();
                assertThat(connack.type()).isEqualTo(RawMqttClient.CONNACK);
                assertThat(connack.connectCode()).isZero();
            }
        } finally {
            for (RawMqttClient client : clients) client.close();
        }
        assertThat(hub.dbLookups.get()).isEqualTo(1);
        assertThat(hub.authLookups("miss")).isEqualTo(1);
        assertThat(hub.authLookups("hit")).isEqualTo(CONNECTS - 1);
        hub.awaitNoConnections();
    }
}
