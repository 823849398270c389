package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.firehub.testing.Await;
import org.firehub.testing.HubProcess;
import org.firehub.testing.InfluxQuery;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mangled and random MQTT bodies from one authenticated device, interleaved with
 * good readings, through the whole hub: no handler dies, the connection survives (3.1.1
 * acknowledges refused bodies), and every good reading is in InfluxDB.
 */
class MqttFuzzTest {
    private static final String DB = "firehub_fuzz";

    @TempDir
    static Path home;

    private static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("fuzz"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", DB).start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    @Test
    void mangledBodiesNeverStopTheDevicesGoodReadings() throws Exception {
        String token = hub.registerDevice(hub.adminToken(), "fuzz-smoke", "smoke");
        MqttAsyncClient client = new MqttAsyncClient(hub.mqttUrl(), "fuzz", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("fuzz-smoke");
        options.setPassword(token.toCharArray());
        options.setMaxInflight(32);
        client.connect(options).waitForCompletion(10_000);

        Random random = new Random(20261124);
        long baseTs = System.currentTimeMillis() - 3_600_000;
        Set<Long> good = new TreeSet<>();
        for (int i = 0; i < 3000; i++) {
            long ts = baseTs + i;
            String valid = "{\"ts\":%d,\"seq\":%d,\"readings\":{\"temperature_c\":%d.5,\"battery_pct\":90}}".formatted(ts, i, i % 40);
            byte[] body;
            if (i % 5 == 0) {
                body = valid.getBytes(StandardCharsets.UTF_8);
                good.add(ts);
            } else {
                // Mangle a body without seq: a mangled seq that happened to parse would (rightly) make a
                // later good reading with that seq a duplicate, which is not what this test is about.
                String template = "{\"ts\":%d,\"readings\":{\"temperature_c\":%d.5,\"battery_pct\":90}}".formatted(ts, i % 40);
                body = mangle(template.getBytes(StandardCharsets.UTF_8), random);
            }
            MqttMessage message = new MqttMessage(body);
            message.setQos(1);
            client.publish("devices/fuzz-smoke/telemetry", message).waitForCompletion(10_000);
        }
        assertThat(client.isConnected()).as("the hub kept the connection through every refusal").isTrue();
        client.disconnect().waitForCompletion(5000);
        client.close();

        Set<Long> stored = Await.value("every good reading in InfluxDB", Duration.ofSeconds(60), MqttFuzzTest::storedTimestamps,
                s -> s.containsAll(good));
        assertThat(stored).containsAll(good);
        assertThat(hub.healthStatus()).isEqualTo(200);
        assertThat(hub.get("/metrics").body()).containsPattern("firehub_ingest_rejected_total\\{reason=\"malformed\",transport=\"mqtt\"} [1-9]");
    }

    /** One of: random bytes, a truncation, a flipped byte, a spliced-in hostile token, or an oversize body. */
    private static byte[] mangle(byte[] valid, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                yield noise;
            }
            case 1 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                byte[] copy = valid.clone();
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                yield copy;
            }
            case 3 -> new String(valid, StandardCharsets.UTF_8)
                    .replace("24", new String[] {"NaN", "\"x\"", "true", "null", "1e999", "[]", "{}"}[random.nextInt(7)])
                    .replace("temperature_c", random.nextBoolean() ? "flux" : "temperature_c")
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"readings\":{\"temperature_c\":1},\"pad\":\"" + "x".repeat(4100 + random.nextInt(1500)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"ts\":" + random.nextLong() + ",\"events\":[\"alarm\",7]}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Set<Long> storedTimestamps() {
        Set<Long> times = new TreeSet<>();
        for (JsonNode row : InfluxQuery.rows(TestInflux.shared().url(), DB,
                "SELECT temperature_c FROM readings WHERE device_id = 'fuzz-smoke'")) {
            times.add(row.path(0).asLong());
        }
        return times;
    }
}
