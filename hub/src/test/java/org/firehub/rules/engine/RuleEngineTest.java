package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.rules.engine.EngineFixture.await;
import static org.firehub.rules.engine.EngineFixture.events;
import static org.firehub.rules.engine.EngineFixture.reading;
import static org.firehub.rules.engine.EngineFixture.settled;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.device.Device;
import org.firehub.metrics.Metrics;
import org.firehub.rules.Direction;
import org.firehub.rules.EventRule;
import org.firehub.rules.RuleBook;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.firehub.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    static final ThresholdRule GAS_LOW = new ThresholdRule("gas.low", "gas", "gas_lel_pct", Direction.ABOVE, 25,
            Duration.ofSeconds(10), 20, Duration.ofSeconds(30), "gas_leak", Severity.MAJOR);
    static final EventRule SMOKE = new EventRule("smoke.alarm", "smoke", "alarm", Set.of("alarm_cleared"), "smoke",
            Severity.CRITICAL);
    static final long T0 = 1_763_800_000_000L;

    static EngineFixture fx;
    static long venue;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new EngineFixture("engine");
        venue = fx.venue("restaurant", "g1");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void sustainedGasRaisesOnceAfterTheHoldAndClearsAfterTheClearHold() throws Exception {
        Device gas = fx.device("gas-1", "gas", venue, "g1");
        RecordingSink sink = new RecordingSink();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(GAS_LOW), sink, new MutableClock(Instant.ofEpochMilli(T0)));
        try {
            for (int s = 0; s <= 20; s++) engine.stored(reading(gas, T0 + s * 1000L, "gas_lel_pct", 31));
            settled(engine);
            AlarmSubject subject = AlarmSubject.device(venue, "gas-1");
            assertThat(sink.callsFor(subject)).singleElement().satisfies(call -> {
                assertThat(call.raise()).isTrue();
                assertThat(call.atMillis()).isEqualTo(T0 + 10_000);
                assertThat(call.reason()).contains("gas_lel_pct 31.0 ≥ 25.0 for 10 s");
            });

            engine.stored(reading(gas, T0 + 21_000, "gas_lel_pct", 22)); // band: nothing
            engine.stored(reading(gas, T0 + 22_000, "gas_lel_pct", 10));
            engine.stored(reading(gas, T0 + 51_000, "gas_lel_pct", 10));
            engine.stored(reading(gas, T0 + 52_000, "gas_lel_pct", 10));
            settled(engine);
            assertThat(sink.callsFor(subject)).extracting(RecordingSink.Call::raise, RecordingSink.Call::atMillis)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(true, T0 + 10_000),
                            org.assertj.core.groups.Tuple.tuple(false, T0 + 52_000));
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aSampleOlderThanTheLastIsCountedAndChangesNothing() throws Exception {
        Device gas = fx.device("gas-stale", "gas", venue, "g1");
        RecordingSink sink = new RecordingSink();
        PrometheusMeterRegistry meters = Metrics.createRegistry();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(GAS_LOW), sink, new MutableClock(Instant.ofEpochMilli(T0)), meters);
        try {
            engine.stored(reading(gas, T0 + 60_000, "gas_lel_pct", 5));
            engine.stored(reading(gas, T0, "gas_lel_pct", 90));
            engine.stored(reading(gas, T0 + 10_000, "gas_lel_pct", 90));
            settled(engine);
            assertThat(sink.calls).isEmpty();
            assertThat(meters.get("firehub.rules.stale.samples").counter().count()).isEqualTo(2);
            assertThat(meters.get("firehub.rules.evaluated").counter().count()).isEqualTo(3);
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aSmokeAlarmEventRaisesAtOnceAndItsClearingEventClearsIt() throws Exception {
        Device smoke = fx.device("smoke-ev", "smoke", venue, "g1");
        RecordingSink sink = new RecordingSink();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(SMOKE), sink, new MutableClock(Instant.ofEpochMilli(T0)));
        try {
            engine.stored(events(smoke, T0, "alarm"));
            engine.stored(events(smoke, T0 + 1000, "alarm")); // repeat: still one alarm
            engine.stored(events(smoke, T0 + 2000, "heartbeat"));
            settled(engine);
            AlarmSubject subject = AlarmSubject.device(venue, "smoke-ev");
            assertThat(sink.isActive(subject, "smoke.alarm")).isTrue();
            assertThat(sink.callsFor(subject)).hasSize(1);

            engine.stored(events(smoke, T0 + 3000, "alarm_cleared"));
            settled(engine);
            assertThat(sink.isActive(subject, "smoke.alarm")).isFalse();
            assertThat(sink.callsFor(subject)).extracting(RecordingSink.Call::raise).containsExactly(true, false);
        } finally {
            await(engine.close());
        }
    }

    @Test
    void activeAlarmsAtStartAreNotRaisedAgainAndClearByTheNormalLogic() throws Exception {
        Device gas = fx.device("gas-seeded", "gas", venue, "g1");
        Device smoke = fx.device("smoke-seeded", "smoke", venue, "g1");
        AlarmSubject gasSubject = AlarmSubject.device(venue, "gas-seeded");
        AlarmSubject smokeSubject = AlarmSubject.device(venue, "smoke-seeded");
        RecordingSink sink = new RecordingSink();
        sink.preload(new AlarmRaise(gasSubject, "g1", "gas.low", "gas_leak", Severity.MAJOR, Instant.ofEpochMilli(T0),
                Map.of(), "before restart"));
        sink.preload(new AlarmRaise(smokeSubject, "g1", "smoke.alarm", "smoke", Severity.CRITICAL,
                Instant.ofEpochMilli(T0), Map.of(), "before restart"));
        RuleEngine engine = fx.start(() -> TestRuleBook.of(GAS_LOW, SMOKE), sink, new MutableClock(Instant.ofEpochMilli(T0)));
        try {
            for (int s = 0; s <= 15; s++) engine.stored(reading(gas, T0 + s * 1000L, "gas_lel_pct", 40));
            engine.stored(events(smoke, T0, "alarm"));
            settled(engine);
            assertThat(sink.calls).as("no raise repeated after the restart").isEmpty();

            engine.stored(reading(gas, T0 + 20_000, "gas_lel_pct", 5));
            engine.stored(reading(gas, T0 + 50_000, "gas_lel_pct", 5));
            engine.stored(events(smoke, T0 + 50_000, "alarm_cleared"));
            settled(engine);
            assertThat(sink.isActive(gasSubject, "gas.low")).isFalse();
            assertThat(sink.isActive(smokeSubject, "smoke.alarm")).isFalse();
            assertThat(sink.calls).extracting(RecordingSink.Call::raise).containsExactly(false, false);
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aFailingSinkIsRetriedUntilTheDecisionIsStoredInOrder() throws Exception {
        Device smoke = fx.device("smoke-retry", "smoke", venue, "g1");
        RecordingSink sink = new RecordingSink();
        PrometheusMeterRegistry meters = Metrics.createRegistry();
        RuleEngine engine = fx.start(() -> TestRuleBook.of(SMOKE), sink, new MutableClock(Instant.ofEpochMilli(T0)), meters);
        try {
            sink.failNext(4);
            engine.stored(events(smoke, T0, "alarm"));
            engine.stored(events(smoke, T0 + 1000, "alarm_cleared"));
            settled(engine);
            assertThat(sink.callsFor(AlarmSubject.device(venue, "smoke-retry"))).extracting(RecordingSink.Call::raise)
                    .containsExactly(true, false);
            assertThat(meters.get("firehub.rules.sink.failures").counter().count()).isEqualTo(4);
            String scrape = meters.scrape();
            assertThat(scrape).contains("firehub_rules_evaluated_total", "firehub_rules_decisions_total{decision=\"raise\"} 1.0",
                    "firehub_rules_decisions_total{decision=\"clear\"} 1.0", "firehub_rules_queue_depth",
                    "firehub_rules_stale_samples_total", "firehub_rules_sink_failures_total 4.0", "firehub_devices_offline",
                    "firehub_rules_decision_seconds_count 2");
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aRemovedRuleLosesItsStateButItsAlarmStaysActive() throws Exception {
        Device smoke = fx.device("smoke-reload", "smoke", venue, "g1");
        RecordingSink sink = new RecordingSink();
        AtomicReference<RuleBook> book = new AtomicReference<>(TestRuleBook.of(SMOKE));
        RuleEngine engine = fx.start(book::get, sink, new MutableClock(Instant.ofEpochMilli(T0)));
        try {
            engine.stored(events(smoke, T0, "alarm"));
            settled(engine);
            book.set(TestRuleBook.of());
            engine.stored(events(smoke, T0 + 1000, "alarm_cleared"));
            settled(engine);
            AlarmSubject subject = AlarmSubject.device(venue, "smoke-reload");
            assertThat(sink.isActive(subject, "smoke.alarm")).as("left for a person to close").isTrue();

            book.set(TestRuleBook.of(SMOKE)); // back, with fresh state: the next alarm is a new decision
            engine.stored(events(smoke, T0 + 2000, "alarm"));
            settled(engine);
            assertThat(sink.callsFor(subject)).extracting(RecordingSink.Call::raise).containsExactly(true, true);
        } finally {
            await(engine.close());
        }
    }

    @Test
    void anUnknownDeviceIdAtRegistrationFailsWithContext() {
        RecordingSink sink = new RecordingSink();
        RuleEngine engine = fx.start(TestRuleBook::of, sink, new MutableClock(Instant.ofEpochMilli(T0)));
        try {
            assertThat(engine.registered("no-such-device").toCompletionStage().toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(10)).withThrowableThat().withMessageContaining("no-such-device");
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aRuleFailureOnOneMessageIsCountedAndTheOthersAreStillEvaluated() throws Exception {
        Device broken = fx.device("smoke-broken", "smoke", venue, "g1");
        Device fine = fx.device("smoke-fine", "smoke", venue, "g1");
        RuleBook rules = TestRuleBook.of(SMOKE);
        RuleBook failingForOne = new RuleBook() {
            @Override
            public org.firehub.rules.DeviceRules forDevice(Device device) {
                if (device.id().value().equals("smoke-broken")) throw new IllegalStateException("test: catalogue bug");
                return rules.forDevice(device);
            }

            @Override
            public java.util.List<org.firehub.rules.CorrelationRule> correlations() {
                return rules.correlations();
            }

            @Override
            public java.util.Optional<org.firehub.rules.Rule> rule(String id) {
                return rules.rule(id);
            }
        };
        RecordingSink sink = new RecordingSink();
        PrometheusMeterRegistry meters = Metrics.createRegistry();
        RuleEngine engine = fx.start(() -> failingForOne, sink, new MutableClock(Instant.ofEpochMilli(T0)), meters);
        try {
            engine.stored(events(broken, T0, "alarm"));
            engine.stored(events(fine, T0, "alarm"));
            settled(engine);
            // once when the engine loaded the device at start, once for its message
            assertThat(meters.get("firehub.rules.errors").counter().count()).isEqualTo(2);
            assertThat(sink.calls).extracting(RecordingSink.Call::subject).containsExactly(AlarmSubject.device(venue, "smoke-fine"));
        } finally {
            await(engine.close());
        }
    }
}
