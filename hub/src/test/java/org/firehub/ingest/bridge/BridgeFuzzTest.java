package org.firehub.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of broken, random and oversized bodies (and topics naming no device) through a real
 * Mosquitto, interleaved with good readings: every good reading is stored, every message is
 * settled and acknowledged, the bridge stays connected.
 */
class BridgeFuzzTest {
    private static final int GOOD = 300;
    private static final int FUZZ = 3_000;
    private static TestMosquitto broker;

    @BeforeAll
    static void startBroker() {
        Assumptions.assumeTrue(TestMosquitto.installed(), "mosquitto is not installed");
        broker = TestMosquitto.startNew();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void goodReadingsSurviveAFloodOfGarbage() throws Exception {
        Random random = new Random(4711);
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        int good = 0;
        for (int i = 0; i < GOOD + FUZZ; i++) {
            boolean isGood = good < GOOD && random.nextInt(GOOD + FUZZ) < GOOD + 20;
            if (isGood) {
                good++;
                messages.add(new SimpleEntry<>("site/a/dev/good-1/telemetry",
                        ("{\"seq\":" + good + ",\"readings\":{\"battery_pct\":" + (good % 100) + "}}").getBytes(StandardCharsets.UTF_8)));
            } else {
                messages.add(new SimpleEntry<>(fuzzTopic(random), fuzzBody(random)));
            }
        }
        while (good < GOOD) {
            good++;
            messages.add(new SimpleEntry<>("site/a/dev/good-1/telemetry",
                    ("{\"seq\":" + good + ",\"readings\":{\"battery_pct\":1}}").getBytes(StandardCharsets.UTF_8)));
        }

        try (BridgeHarness hub = new BridgeHarness()) {
            hub.register("good-1");
            hub.register("fuzz-1");
            MqttBridge bridge = hub.bridge("fuzz", broker.url(), "firehub-fuzz");
            Await.until("connected", Duration.ofSeconds(20), () -> bridge.health().connected());
            MqttAsyncClient publisher = BridgeHarness.publisher(broker.url());
            try {
                BridgeHarness.publishAll(publisher, messages, 200);
            } finally {
                BridgeHarness.closeQuietly(publisher);
            }

            Await.until("every message settled", Duration.ofSeconds(60), () -> settled(hub) == messages.size());
            List<Long> goodSeqs = hub.sink.stored().stream().filter(m -> m.device().id().value().equals("good-1"))
                    .map(m -> m.seq().getAsLong()).toList();
            assertThat(goodSeqs).hasSize(GOOD).doesNotHaveDuplicates();
            assertThat(goodSeqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, GOOD).boxed().toList());
            assertThat(hub.bridgeCount("fuzz", "rejected")).isGreaterThan(FUZZ / 3.0);
            assertThat(hub.bridgeCount("fuzz", "unknown_device")).isPositive();
            assertThat(hub.bridgeCount("fuzz", "bad_topic")).isPositive();
            assertThat(bridge.health().connected()).isTrue();
            assertThat(bridge.health().lastError()).isEmpty();
        }
    }

    private static double settled(BridgeHarness hub) {
        return Arrays.stream(BridgeMetrics.Outcome.values()).mapToDouble(o -> hub.bridgeCount("fuzz", o.label())).sum();
    }

    private static String fuzzTopic(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "site/a/dev/" + randomId(random) + "/telemetry";  // unknown device
            case 1 -> "site/a/dev/bad.id!/events";                      // not a device id
            case 2 -> "site/a/dev/fuzz-1/events";
            default -> "site/a/dev/fuzz-1/telemetry";
        };
    }

    private static String randomId(Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder id = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) id.append(letters.charAt(random.nextInt(letters.length())));
        return id.toString();
    }

    private static byte[] fuzzBody(Random random) {
        byte[] template = "{\"ts\":1763800000123,\"seq\":7,\"readings\":{\"battery_pct\":87,\"temperature_c\":24.5},\"events\":[\"alarm\"]}"
                .getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(7)) {
            case 0 -> randomBytes(random, random.nextInt(200));
            case 1 -> { // flip a few bytes of a good body
                byte[] body = template.clone();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                yield body;
            }
            case 2 -> Arrays.copyOf(template, random.nextInt(template.length)); // truncated
            case 3 -> { // CBOR-looking garbage
                byte[] body = randomBytes(random, 1 + random.nextInt(100));
                body[0] = (byte) (0xA0 + random.nextInt(32));
                yield body;
            }
            case 4 -> ("{\"readings\":{\"battery_pct\":" + "1".repeat(5_000) + "}}").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("[".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
            default -> ("{\"readings\":{\"" + randomId(random) + "\":NaN}}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
