package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.firehub.sim.bench.MosquittoBroker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Both MQTT client modes against a real Mosquitto: every device connects, publishes QoS 1 and gets PUBACKs. */
class MqttClientModesTest {

    @Test
    void vertxClientConnectsManyDevicesThatPublishAndGetAcks() throws Exception {
        runAgainstMosquitto("vertx", 300);
    }

    @Test
    void pahoClientConnectsDevicesThatPublishAndGetAcks() throws Exception {
        runAgainstMosquitto("paho", 20);
    }

    private static void runAgainstMosquitto(String client, int count) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Set<String> publishers = ConcurrentHashMap.newKeySet();
            AtomicLong received = new AtomicLong();
            MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + broker.port(), "counter", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            subscriber.connect(options);
            subscriber.subscribe("devices/+/+", 1, (topic, message) -> {
                publishers.add(topic.split("/")[1]);
                received.incrementAndGet();
                assertTrue(new String(message.getPayload(), StandardCharsets.UTF_8).contains("\"readings\""));
            });

            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < count; i++) devices.add(new SimDevice("t-smoke-%05d".formatted(i), "smoke", 1, "token" + i));
            Fleet fleet = new Fleet("t", List.of(new Fleet.Venue(1, "v", "shop", "G1", "")), devices);
            List<SimEngine.Assignment> assignments = devices.stream().map(d -> new SimEngine.Assignment(d, "mqtt")).toList();
            SimEngine.Settings settings = new SimEngine.Settings("http://127.0.0.1:1", "tcp://127.0.0.1:" + broker.port(),
                    "coap://127.0.0.1:1", client, 1, Duration.ofMillis(500), false, 7, 30);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            SimStats stats;
            try (SimEngine engine = new SimEngine(settings)) {
                stats = engine.run(fleet, assignments, List.of(), Duration.ofSeconds(4), new CountDownLatch(1),
                        new PrintStream(output, true, StandardCharsets.UTF_8), false);
            }
            subscriber.disconnect();
            subscriber.close();

            String report = output.toString(StandardCharsets.UTF_8);
            assertEquals(count, stats.connects.sum(), report);
            assertEquals(Set.of(), stats.errorsByKind().keySet(), report);
            // Each device had about 7 ticks in 4 s after a start spread over 0.5 s.
            assertTrue(stats.acked.sum() >= 4L * count, "acked " + stats.acked.sum() + "\n" + report);
            assertEquals(stats.sent.sum(), stats.acked.sum(), report);
            assertEquals(count, publishers.size(), "devices seen by the subscriber");
            assertTrue(received.get() >= stats.acked.sum(), "received " + received.get() + " < acked " + stats.acked.sum());
            assertTrue(report.contains("ack latency ms, whole run:    p50"), report);
            assertTrue(report.contains("ack latency ms, steady state: p50"), report);
        }
    }
}
