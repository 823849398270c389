package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.rules.engine.EngineFixture.await;
import static org.firehub.rules.engine.EngineFixture.reading;
import static org.firehub.rules.engine.EngineFixture.settled;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.rules.Direction;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.firehub.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many threads (as transport event loops) store messages of many devices at once; every
 * device's messages must be evaluated in the order they were stored. Each message flips a
 * hold-free threshold, so any reordering shows up as a stale sample or a broken
 * raise/clear alternation.
 */
class PerDeviceOrderTest {
    private static final Logger log = LoggerFactory.getLogger(PerDeviceOrderTest.class);
    static final ThresholdRule FLIP = new ThresholdRule("flip", "gas", "gas_lel_pct", Direction.ABOVE, 25, Duration.ZERO, 20,
            Duration.ZERO, "gas_leak", Severity.MAJOR);
    static final long T0 = 1_763_800_000_000L;
    static final int THREADS = 8;
    static final int DEVICES_PER_THREAD = 25;
    static final int MESSAGES_PER_DEVICE = Integer.getInteger("engine.order.messages", 100);

    static EngineFixture fx;

    @BeforeAll
    static void setUp() {
        fx = new EngineFixture("order");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void eachDevicesMessagesAreEvaluatedInTheOrderTheyWereStored() throws Exception {
        RecordingSink sink = new RecordingSink();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(FLIP), sink, new MutableClock(Instant.ofEpochMilli(T0)), meters);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Device> mine = new ArrayList<>();
                for (int d = 0; d < DEVICES_PER_THREAD; d++) {
                    // 40 venues: several devices share a venue (and so a shard) across threads
                    mine.add(new Device(new DeviceId("ord-" + t + "-" + d), "gas", (t * DEVICES_PER_THREAD + d) % 40, "g1"));
                }
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int m = 0; m < MESSAGES_PER_DEVICE; m++) {
                        for (Device device : mine) engine.stored(reading(device, T0 + m * 1000L, "gas_lel_pct", m % 2 == 0 ? 30 : 10));
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) thread.join();
            await(engine.processed());
            long evaluatedNanos = System.nanoTime() - start;
            settled(engine);
            int total = THREADS * DEVICES_PER_THREAD * MESSAGES_PER_DEVICE;
            log.info("evaluated {} messages in {} ms: {} messages/s (with {} alarm decisions)", total, evaluatedNanos / 1_000_000,
                    (long) (total / (evaluatedNanos / 1e9)), sink.calls.size());

            assertThat(meters.get("firehub.rules.evaluated").counter().count()).isEqualTo(total);
            assertThat(meters.get("firehub.rules.stale.samples").counter().count()).isZero();
            Map<String, List<RecordingSink.Call>> byDevice = sink.calls.stream()
                    .collect(Collectors.groupingBy(c -> c.subject().deviceId().orElseThrow()));
            assertThat(byDevice).hasSize(THREADS * DEVICES_PER_THREAD);
            byDevice.forEach((device, calls) -> {
                assertThat(calls).as(device).hasSize(MESSAGES_PER_DEVICE);
                for (int m = 0; m < calls.size(); m++) {
                    assertThat(calls.get(m).raise()).as("%s decision %d", device, m).isEqualTo(m % 2 == 0);
                    assertThat(calls.get(m).atMillis()).as("%s decision %d", device, m).isEqualTo(T0 + m * 1000L);
                }
            });
        } finally {
            await(engine.close());
        }
    }

    @Test
    void throughputWithoutDecisions() {
        int messages = Integer.getInteger("engine.throughput.messages", 50_000);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(FLIP), new RecordingSink(), new MutableClock(Instant.ofEpochMilli(T0)), meters);
        try {
            List<Device> devices = new ArrayList<>();
            for (int d = 0; d < 1000; d++) devices.add(new Device(new DeviceId("tp-" + d), "gas", d / 4, "g1"));
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                long start = System.nanoTime();
                for (int m = 0; m < messages; m++) {
                    engine.stored(reading(devices.get(m % devices.size()), T0 + m, "gas_lel_pct", 22)); // inside the band
                }
                await(engine.processed());
                long nanos = System.nanoTime() - start;
                log.info("round {}: {} messages without decisions in {} ms: {} messages/s", round, messages, nanos / 1_000_000,
                        (long) (messages / (nanos / 1e9)));
            }
            assertThat(meters.get("firehub.rules.evaluated").counter().count()).isEqualTo(2.0 * messages);
        } finally {
            await(engine.close());
        }
    }
}
