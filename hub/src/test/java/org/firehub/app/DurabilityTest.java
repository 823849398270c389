package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.runtime.InfluxProcess;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.InfluxQuery;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise the whole hub is built around: a reading whose PUBACK the device received is in
 * InfluxDB eventually, whatever happens to the hub process or to InfluxDB in between.
 * The hub runs as a separate process here, so it can really be killed with SIGKILL.
 */
class DurabilityTest {
    private static final long BASE_TS = System.currentTimeMillis() - 3_600_000;

    @TempDir
    Path home;

    private InfluxProcess influx;
    private HubProcess hub;

    @BeforeEach
    void startServers() {
        influx = TestInflux.startNew();
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("durability"), influx.url()).start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
    }

    @AfterEach
    void stopServers() {
        if (hub != null) hub.close();
        if (influx != null) influx.stop();
    }

    @Test
    void acknowledgedReadingSurvivesKill9() throws Exception {
        String token = hub.registerDevice(hub.adminToken(), "k9-smoke", "smoke");
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        MqttAsyncClient client = connect(hub.mqttUrl(), "k9-smoke", token);
        AtomicInteger sent = new AtomicInteger();
        // Keep publishing from a background thread until the hub dies under it.
        Thread publisher = Thread.ofPlatform().start(() -> publishUntilFailure(client, "k9-smoke", acknowledged, sent, 20_000));
        Await.until("a few hundred acknowledged readings", Duration.ofSeconds(60), () -> acknowledged.size() >= 300);

        hub.kill9();
        publisher.join(Duration.ofSeconds(30));
        Set<Long> ackedBeforeKill = new TreeSet<>(acknowledged);
        assertThat(ackedBeforeKill.size()).isLessThan(sent.get() + 1);

        hub.start();
        Set<Long> stored = Await.value("every acknowledged reading in InfluxDB", Duration.ofSeconds(60),
                () -> storedTimestamps("k9-smoke"), s -> s.containsAll(ackedBeforeKill));
        assertThat(stored).containsAll(ackedBeforeKill);
        client.close(true);
    }

    @Test
    void readingsAcknowledgedDuringInfluxOutageArriveAfterIt() throws Exception {
        String token = hub.registerDevice(hub.adminToken(), "outage-smoke", "smoke");
        influx.stop();
        Await.until("/health to name influxdb as failing", Duration.ofSeconds(60),
                () -> hub.healthStatus() == 503 && hub.health().contains("influxdb"));

        MqttAsyncClient client = connect(hub.mqttUrl(), "outage-smoke", token);
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        AtomicInteger sent = new AtomicInteger();
        publishUntilFailure(client, "outage-smoke", acknowledged, sent, 500);
        Await.until("all 500 acknowledged while InfluxDB is down", Duration.ofSeconds(60), () -> acknowledged.size() == 500);
        assertThat(spoolDepth()).isGreaterThanOrEqualTo(500);

        TestInflux.restart(influx);
        Set<Long> stored = Await.value("all 500 readings in InfluxDB after the outage", Duration.ofSeconds(90),
                () -> storedTimestamps("outage-smoke"), s -> s.size() == 500);
        assertThat(stored).isEqualTo(acknowledged);
        Await.until("hub healthy again", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        client.disconnect().waitForCompletion(5000);
        client.close();
    }

    private static MqttAsyncClient connect(String url, String deviceId, String token) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "test-" + deviceId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword(token.toCharArray());
        options.setMaxInflight(50);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** Publishes QoS 1 readings with distinct timestamps; records those whose PUBACK arrived. */
    private static void publishUntilFailure(MqttAsyncClient client, String deviceId, Set<Long> acknowledged, AtomicInteger sent, int count) {
        for (int i = 0; i < count; i++) {
            long ts = BASE_TS + i;
            String body = "{\"ts\":%d,\"seq\":%d,\"readings\":{\"smoke_obscuration_db_m\":0.05,\"temperature_c\":21.5}}"
                    .formatted(ts, i);
            MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            try {
                // Paho refuses a publish beyond its in-flight window: wait for room rather than fail.
                while (client.getPendingDeliveryTokens().length >= 45) {
                    if (!client.isConnected()) return;
                    LockSupport.parkNanos(1_000_000);
                }
                client.publish("devices/" + deviceId + "/telemetry", message, null,
                        new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken asyncActionToken) {
                                acknowledged.add(ts);
                            }

                            @Override
                            public void onFailure(IMqttToken asyncActionToken, Throwable exception) {}
                        });
                sent.incrementAndGet();
            } catch (Exception connectionGone) {
                return;
            }
        }
    }

    private Set<Long> storedTimestamps(String deviceId) {
        Set<Long> times = new TreeSet<>();
        for (JsonNode row : InfluxQuery.rows(influx.url(), "firehub",
                "SELECT smoke_obscuration_db_m FROM readings WHERE device_id = '" + deviceId + "'")) {
            times.add(row.path(0).asLong());
        }
        return times;
    }

    private long spoolDepth() {
        String metrics = hub.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("firehub_spool_depth"))
                .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1L);
    }

}
