package org.firehub.ingest.mqtt;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.ingest.RejectReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttConnectTest {
    private static final int V3_NOT_AUTHORIZED = 5;
    private static final int V5_NOT_AUTHORIZED = 0x87;

    private static MqttTestHub hub;
    private static String smokeToken;

    @BeforeAll
    static void start() throws Exception {
        hub = new MqttTestHub("mqtt_connect");
        smokeToken = hub.registerDevice("smoke-1");
        hub.registerDevice("smoke-2");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void reset() {
        hub.awaitNoConnections();
        hub.ingestor.reset();
    }

    @Test
    void registeredDeviceConnectsWithItsTokenOverMqtt311AndMqtt5() throws Exception {
        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", smokeToken);
        assertThat(v3.isConnected()).isTrue();
        Await.until("gauge shows one device", Duration.ofSeconds(5), () -> hub.connectedDevices() == 1);
        v3.disconnect().waitForCompletion();
        v3.close();
        hub.awaitNoConnections();
        assertThat(hub.connectedDevices()).isZero();

        var v5 = PahoClients.v5(hub.url(), "smoke-1", smokeToken);
        assertThat(v5.isConnected()).isTrue();
        v5.disconnect().waitForCompletion();
        v5.close();
    }

    @Test
    void wrongTokenUnknownDeviceAndMissingCredentialsAreNotAuthorizedAndCounted() throws Exception {
        long before = hub.refused(RejectReason.UNAUTHORIZED);

        assertThat(v3ConnectCode("smoke-1", "not-the-token")).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v3ConnectCode("nobody", smokeToken)).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v3ConnectCode(null, null)).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v3ConnectCode("bad id with spaces", smokeToken)).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v5ConnectCode("smoke-1", "not-the-token")).isEqualTo(V5_NOT_AUTHORIZED);
        assertThat(v5ConnectCode("nobody", smokeToken)).isEqualTo(V5_NOT_AUTHORIZED);
        assertThat(v5ConnectCode(null, null)).isEqualTo(V5_NOT_AUTHORIZED);

        assertThat(hub.refused(RejectReason.UNAUTHORIZED) - before).isEqualTo(7);
        assertThat(hub.ingestor.calls()).isEmpty();
        assertThat(hub.handler.registry().size()).isZero();
    }

    @Test
    void unknownDeviceIsLookedUpOnceWhileItsNegativeEntryLasts() throws Exception {
        int before = hub.dbLookups.get();
        assertThat(v3ConnectCode("ghost-7", "whatever")).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v3ConnectCode("ghost-7", "whatever")).isEqualTo(V3_NOT_AUTHORIZED);
        assertThat(v5ConnectCode("ghost-7", "whatever")).isEqualTo(V5_NOT_AUTHORIZED);
        assertThat(hub.dbLookups.get() - before).isEqualTo(1);
    }

    @Test
    void secondConnectionOfTheSameDeviceTakesOverAndClosesTheFirst() throws Exception {
        MqttAsyncClient first = PahoClients.v3(hub.url(), "smoke-1", smokeToken);
        MqttAsyncClient second = PahoClients.v3(hub.url(), "smoke-1", smokeToken);
        Await.until("first connection closed by the hub", Duration.ofSeconds(5), () -> !first.isConnected());
        assertThat(second.isConnected()).isTrue();
        assertThat(hub.connectedDevices()).isEqualTo(1);

        var third = PahoClients.v5(hub.url(), "smoke-1", smokeToken);
        Await.until("second connection closed by the hub", Duration.ofSeconds(5), () -> !second.isConnected());
        assertThat(third.isConnected()).isTrue();
        assertThat(hub.connectedDevices()).isEqualTo(1);
        third.disconnect().waitForCompletion();
        first.close();
        second.close();
        third.close();
    }

    @Test
    void deviceMaySubscribeToItsOwnCommandsOnly() throws Exception {
        MqttAsyncClient v3 = PahoClients.v3(hub.url(), "smoke-1", smokeToken);
        var own = v3.subscribe("devices/smoke-1/commands", 1);
        own.waitForCompletion(5_000);
        assertThat(own.getGrantedQos()).containsExactly(1);
        var foreign = v3.subscribe(new String[] {"devices/smoke-2/commands", "devices/#"}, new int[] {1, 0});
        foreign.waitForCompletion(5_000);
        assertThat(foreign.getGrantedQos()).containsExactly(0x80, 0x80);
        v3.disconnect().waitForCompletion();
        v3.close();

        var v5 = PahoClients.v5(hub.url(), "smoke-1", smokeToken);
        var grantedQos2AsQos1 = v5.subscribe("devices/smoke-1/commands", 2);
        grantedQos2AsQos1.waitForCompletion(5_000);
        assertThat(grantedQos2AsQos1.getReasonCodes()).containsExactly(1);
        var refused = v5.subscribe("devices/smoke-2/commands", 1);
        try {
            refused.waitForCompletion(5_000);
        } catch (org.eclipse.paho.mqttv5.common.MqttException expected) {
            // Paho reports a failed subscription as an exception carrying the SUBACK reason
        }
        assertThat(refused.getReasonCodes()).containsExactly(0x87);
        v5.disconnect().waitForCompletion();
        v5.close();
    }

    @Test
    void clientThatNeverSendsConnectIsDropped() throws Exception {
        try (MqttTestHub quick = new MqttTestHub("mqtt_connect_timeout",
                s -> s.withTimeouts(Duration.ofSeconds(1), s.sinkFullMaxWait()));
             var socket = new java.net.Socket("127.0.0.1", quick.port)) {
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("server closes a silent connection").isEqualTo(-1);
        }
    }

    @Test
    void authenticationThatHangsIsAnsweredServerUnavailableAfterTheConnectTimeout() throws Exception {
        var settings = MqttSettings.defaults().withListener("127.0.0.1", 0).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60));
        long before = hub.refused(RejectReason.UNAUTHORIZED);
        var hanging = MqttConnectionHandler.create(hub.vertx, settings, (id, token) -> io.vertx.core.Promise.<org.firehub.device.Device>promise().future(),
                hub.ingestor, reason -> hub.refusals.computeIfAbsent(reason, r -> new java.util.concurrent.atomic.LongAdder()).increment(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        MqttIngestServer server = MqttIngestServer.plain(hub.vertx, hanging);
        int port = server.listen().await(10, java.util.concurrent.TimeUnit.SECONDS);
        try (RawMqttClient v3 = RawMqttClient.connect(port, 4, "slow3", "smoke-1", smokeToken, 60);
             RawMqttClient v5 = RawMqttClient.connect(port, 5, "slow5", "smoke-1", smokeToken, 60)) {
            assertThat(v3.read(Duration.ofSeconds(5)).connectCode()).as("3.1.1 server unavailable").isEqualTo(3);
            assertThat(v5.read(Duration.ofSeconds(5)).connectCode()).as("MQTT 5 server unavailable").isEqualTo(0x88);
        } finally {
            server.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(hub.refused(RejectReason.UNAUTHORIZED)).as("not the device's fault").isEqualTo(before);
    }

    private static int v3ConnectCode(String user, String token) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(hub.url(), "refused-" + System.nanoTime(), new MemoryPersistence());
        try {
            client.connect(PahoClients.v3Options(user, token)).waitForCompletion(10_000);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close(true);
        }
    }

    private static int v5ConnectCode(String user, String token) throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(hub.url(), "refused5-" + System.nanoTime(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            client.connect(PahoClients.v5Options(user, token)).waitForCompletion(10_000);
            return 0;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close(true);
        }
    }
}
