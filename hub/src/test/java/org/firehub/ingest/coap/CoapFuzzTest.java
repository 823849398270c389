package org.firehub.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Thousands of mangled bodies interleaved with good ones: every request is answered, every good one stored. */
class CoapFuzzTest {
    static CoapTestHub hub;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        hub = new CoapTestHub("coap_fuzz");
        token = hub.registerDevice("fuzz-1");
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void mangledBodiesNeverStopTheEndpointAndGoodOnesAreAllStored() throws Exception {
        Random random = new Random(4711);
        int total = 3000;
        List<byte[]> bodies = new ArrayList<>();
        List<Boolean> good = new ArrayList<>();
        int goodCount = 0;
        for (int i = 0; i < total; i++) {
            boolean isGood = i % 5 == 0;
            String valid = "{\"seq\":" + i + ",\"readings\":{\"battery_pct\":" + (i % 100) + "}}";
            bodies.add(isGood ? valid.getBytes(StandardCharsets.UTF_8) : mangle(valid, random));
            good.add(isGood);
            if (isGood) goodCount++;
        }
        Endpoint endpoint = CoapClients.plainEndpoint();
        CoapClient client = CoapClients.client(endpoint, 30_000);
        AtomicInteger changed = new AtomicInteger();
        AtomicInteger goodChanged = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(32);
        try {
            for (int i = 0; i < total; i++) {
                boolean isGood = good.get(i);
                Request request = Request.newPost();
                request.setURI(hub.plainUri("/telemetry/fuzz-1?token=" + token));
                request.setPayload(bodies.get(i));
                if (random.nextBoolean()) request.getOptions().setContentFormat(random.nextBoolean() ? 50 : 60);
                if (isGood) request.getOptions().setContentFormat(50);
                window.acquire();
                client.advanced(new CoapHandler() {
                    @Override
                    public void onLoad(CoapResponse response) {
                        if (response.getCode() == ResponseCode.CHANGED) {
                            changed.incrementAndGet();
                            if (isGood) goodChanged.incrementAndGet();
                        }
                        if (response.getCode().codeClass == 5) serverErrors.incrementAndGet();
                        window.release();
                        done.countDown();
                    }

                    @Override
                    public void onError() {
                        noAnswer.incrementAndGet();
                        window.release();
                        done.countDown();
                    }
                }, request);
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).as("every request answered").isTrue();
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
        assertThat(noAnswer.get()).as("requests without an answer").isZero();
        assertThat(serverErrors.get()).as("5.xx answers").isZero();
        assertThat(goodChanged.get()).isEqualTo(goodCount);
        assertThat(hub.sink.stored()).hasSize(changed.get());
        assertThat(hub.sink.stored().stream().filter(m -> m.seq().isPresent() && m.seq().getAsLong() % 5 == 0
                && m.readings().containsKey("battery_pct"))).hasSizeGreaterThanOrEqualTo(goodCount);
    }

    /** Flips, drops, inserts and truncates bytes, or replaces the body with random bytes. */
    static byte[] mangle(String valid, Random random) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                return noise;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> {
                byte[] copy = bytes.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                return copy;
            }
            case 3 -> {
                String[] swaps = {"87", "NaN", "\"x\"", "1e999", "[1]", "{}", "null", "-1"};
                return valid.replace("battery_pct\":", "battery_pct\":" + swaps[random.nextInt(swaps.length)] + ",\"z\":")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return ("{\"seq\":-" + random.nextInt(9) + ",\"events\":[\"" + "ab".repeat(random.nextInt(50)) + "\"]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
