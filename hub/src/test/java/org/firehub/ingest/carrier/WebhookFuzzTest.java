package org.firehub.ingest.carrier;

import org.firehub.testing.TestSink;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.ingest.DeviceMessage;
import org.firehub.ingest.http.IngestHttpServer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated and random requests to the device endpoint and both carrier webhooks,
 * interleaved with good ones, 32 in flight: no request makes the hub answer 5xx (the sink is
 * healthy, so a 5xx is a handler bug), every request is answered, and every good message is stored.
 */
class WebhookFuzzTest {
    private static final String IMEI = "868120000000042";
    private static final String CTWING_SECRET = IngestHttpServer.CARRIER_SECRETS.get("FIREHUB_CARRIER_TOWN_CTWING_SECRET");
    private static final String ONENET_TOKEN = IngestHttpServer.CARRIER_SECRETS.get("FIREHUB_CARRIER_TOWN_ONENET_SECRET");
    private static final String[] TYPES = {"application/json", "application/cbor", "text/plain", "", "application/json; charset=utf-8"};

    private final Random random = new Random(4711);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mutatedRequestsNeverBreakAHandlerAndGoodOnesAreAllStored() throws Exception {
        try (TestSink sink = new TestSink(2_500); IngestHttpServer server = new IngestHttpServer(sink)) {
            String token = server.register("fuzz-1", "smoke");
            server.register("nb-" + IMEI, "smoke");
            long base = System.currentTimeMillis() - 60_000;
            Set<Long> goodDeviceSeqs = new HashSet<>();
            Set<Long> goodCarrierTs = new HashSet<>();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> answers = new ArrayList<>();
            Semaphore inFlight = new Semaphore(32);

            for (int i = 0; i < 3000; i++) {
                HttpRequest request;
                boolean good = i % 10 == 0;
                switch (i % 3) {
                    case 0 -> {
                        String body = "{\"seq\":" + i + ",\"readings\":{\"battery_pct\":" + (i % 100) + "}}";
                        if (good) goodDeviceSeqs.add((long) i);
                        request = device(server, good ? token : maybe(token), good ? "application/json" : pick(TYPES),
                                good ? body.getBytes(StandardCharsets.UTF_8) : mutate(body));
                    }
                    case 1 -> {
                        long ts = base + i;
                        String push = CarrierWebhookTest.ctwingDataReport(IMEI, ts, "{\"Alarm_Status\":1,\"battery_value\":" + (i % 100) + "}");
                        if (good) goodCarrierTs.add(ts);
                        request = post(server.url("/api/v1/carriers/ctwing/town-ctwing?token=" + (good ? CTWING_SECRET : maybe(CTWING_SECRET))),
                                good ? push.getBytes(StandardCharsets.UTF_8) : mutate(push));
                    }
                    default -> {
                        long ts = base + i;
                        String msg = "{\"at\":%d,\"imei\":\"%s\",\"type\":1,\"ds_id\":\"battery_value\",\"value\":%d,\"dev_id\":7}"
                                .formatted(ts, IMEI, i % 100);
                        if (good) goodCarrierTs.add(ts);
                        // a mutated msg correctly signed reaches the parser and mapper, not only the signature check
                        String sent = good ? msg : new String(mutate(msg), StandardCharsets.UTF_8);
                        String body = "{\"msg\":%s,\"msg_signature\":\"%s\",\"nonce\":\"n%d\"}"
                                .formatted(sent, OneNetSignature.sign(ONENET_TOKEN, "n" + i, sent), i);
                        request = post(server.url("/api/v1/carriers/onenet/town-onenet"), body.getBytes(StandardCharsets.UTF_8));
                    }
                }
                inFlight.acquire();
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> {
                            inFlight.release();
                            int status = failure == null ? response.statusCode() : -1;
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                            return null;
                        }));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s >= 200 && s < 500);
            Set<Long> storedSeqs = new HashSet<>();
            Set<Long> storedTs = new HashSet<>();
            for (DeviceMessage m : sink.stored()) {
                if (m.device().id().value().equals("fuzz-1")) m.seq().ifPresent(storedSeqs::add);
                else storedTs.add(m.timestampMillis());
            }
            assertThat(storedSeqs).containsAll(goodDeviceSeqs);
            assertThat(storedTs).containsAll(goodCarrierTs);
        }
    }

    private HttpRequest device(IngestHttpServer server, String token, String type, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url("/api/v1/devices/fuzz-1/telemetry")))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!type.isEmpty()) builder.header("Content-Type", type);
        return builder.build();
    }

    private static HttpRequest post(String url, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Flipped bytes, truncation, duplication, random garbage or an empty body. */
    private byte[] mutate(String good) {
        byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(4); k++) bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                return bytes;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> {
                byte[] garbage = new byte[random.nextInt(6000)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 3 -> {
                return (good + good).getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                String digit = String.valueOf(random.nextInt(10));
                return good.replaceAll("\\d", random.nextBoolean() ? digit : "-" + digit + "e309").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return new byte[0];
            }
        }
    }

    private String maybe(String token) {
        return random.nextInt(3) == 0 ? token + "x" : token;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
