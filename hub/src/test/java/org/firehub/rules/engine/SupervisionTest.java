package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.rules.engine.EngineFixture.await;
import static org.firehub.rules.engine.EngineFixture.events;
import static org.firehub.rules.engine.EngineFixture.settled;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.device.Device;
import org.firehub.rules.RuleBook;
import org.firehub.rules.Severity;
import org.firehub.rules.SupervisionRule;
import org.firehub.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Silent-device supervision on a clock the test moves, over real devices and presence rows in PostgreSQL. */
class SupervisionTest {
    static final SupervisionRule HEARTBEAT = new SupervisionRule("smoke.offline", "smoke", Duration.ofSeconds(50), 1,
            Duration.ofSeconds(10), "offline", Severity.MINOR); // offline after 60 s
    static final RuleBook RULES = TestRuleBook.of(HEARTBEAT);
    static final long T0 = 1_763_800_000_000L;
    static final long LIMIT = 60_000;

    static EngineFixture fx;

    @BeforeAll
    static void setUp() {
        fx = new EngineFixture("supervision");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    private Device smoke(String id, long venue, long registeredAtMillis) throws Exception {
        Device device = fx.device(id, "smoke", venue, "g1");
        fx.sql("UPDATE devices SET created_at = to_timestamp(" + registeredAtMillis / 1000.0 + ") WHERE device_id = '" + id + "'");
        return device;
    }

    private static void tickAt(RuleEngine engine, MutableClock clock, long millis) {
        clock.set(millis);
        await(engine.tick());
        settled(engine);
    }

    @Test
    void aSilentDeviceGoesOfflineExactlyAtTheLimitAndAMessageBringsItBack() throws Exception {
        long venue = fx.venue("house", "g1");
        Device device = smoke("sv-exact", venue, T0);
        AlarmSubject subject = AlarmSubject.device(venue, "sv-exact");
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0 + 10_000));
        RecordingSink sink = new RecordingSink();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RuleEngine engine = fx.start(() -> RULES, sink, clock, meters);
        try {
            tickAt(engine, clock, T0 + LIMIT - 1);
            assertThat(sink.callsFor(subject)).as("not before the limit").isEmpty();

            tickAt(engine, clock, T0 + LIMIT);
            assertThat(sink.callsFor(subject)).singleElement().satisfies(call -> {
                assertThat(call.raise()).isTrue();
                assertThat(call.atMillis()).isEqualTo(T0 + LIMIT);
            });
            assertThat(meters.get("firehub.devices.offline").gauge().value()).isEqualTo(1);
            tickAt(engine, clock, T0 + LIMIT + 5_000);
            assertThat(sink.callsFor(subject)).as("offline is raised once").hasSize(1);

            clock.set(T0 + 70_000);
            engine.stored(events(device, T0 + 70_000, "heartbeat"));
            settled(engine);
            assertThat(sink.isActive(subject, "smoke.offline")).isFalse();
            assertThat(meters.get("firehub.devices.offline").gauge().value()).isEqualTo(0);

            tickAt(engine, clock, T0 + 70_000 + LIMIT - 1);
            assertThat(sink.callsFor(subject)).hasSize(2);
            tickAt(engine, clock, T0 + 70_000 + LIMIT);
            assertThat(sink.callsFor(subject)).extracting(RecordingSink.Call::raise, RecordingSink.Call::atMillis).containsExactly(
                    Tuple.tuple(true, T0 + LIMIT), Tuple.tuple(false, T0 + 70_000), Tuple.tuple(true, T0 + 70_000 + LIMIT));
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aRestartNeitherMarksRecentlySeenDevicesOfflineNorForgetsASilentOne() throws Exception {
        long venue = fx.venue("house", "g1");
        long longAgo = T0 - 3_600_000; // registered an hour before: without presence all would look silent
        Device early = smoke("sv-early", venue, longAgo);
        Device late = smoke("sv-late", venue, longAgo);
        smoke("sv-never", venue, longAgo);
        AlarmSubject earlySubject = AlarmSubject.device(venue, "sv-early");
        AlarmSubject lateSubject = AlarmSubject.device(venue, "sv-late");
        AlarmSubject neverSubject = AlarmSubject.device(venue, "sv-never");
        RecordingSink sink = new RecordingSink();

        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
        RuleEngine first = fx.start(() -> RULES, sink, clock);
        first.stored(events(early, T0, "heartbeat"));
        clock.set(T0 + 50_000);
        first.stored(events(late, T0 + 50_000, "heartbeat"));
        settled(first);
        assertThat(await(first.flushPresence())).isEqualTo(2);
        await(first.close());
        int callsBeforeRestart = sink.calls.size();

        MutableClock clock2 = new MutableClock(Instant.ofEpochMilli(T0 + 55_000));
        RuleEngine second = fx.start(() -> RULES, sink, clock2);
        try {
            tickAt(second, clock2, T0 + 55_000);
            assertThat(sink.calls.subList(callsBeforeRestart, sink.calls.size()).stream()
                    .filter(c -> c.subject().venueId() == venue).toList())
                    .as("only the never-seen device, silent since its registration")
                    .extracting(RecordingSink.Call::subject, RecordingSink.Call::atMillis)
                    .containsExactly(Tuple.tuple(neverSubject, longAgo + LIMIT));

            tickAt(second, clock2, T0 + LIMIT);
            assertThat(sink.isActive(earlySubject, "smoke.offline")).as("silent since before the restart").isTrue();
            assertThat(sink.isActive(lateSubject, "smoke.offline")).isFalse();

            tickAt(second, clock2, T0 + 50_000 + LIMIT);
            assertThat(sink.isActive(lateSubject, "smoke.offline")).isTrue();
        } finally {
            await(second.close());
        }

        // A third start with three offline alarms active: none is raised again, and a message clears one.
        java.util.function.IntSupplier ours = () -> sink.callsFor(earlySubject).size() + sink.callsFor(lateSubject).size()
                + sink.callsFor(neverSubject).size();
        int callsBeforeThird = ours.getAsInt();
        MutableClock clock3 = new MutableClock(Instant.ofEpochMilli(T0 + 200_000));
        RuleEngine third = fx.start(() -> RULES, sink, clock3);
        try {
            tickAt(third, clock3, T0 + 300_000);
            assertThat(ours.getAsInt()).isEqualTo(callsBeforeThird);
            third.stored(events(early, T0 + 300_000, "heartbeat"));
            settled(third);
            assertThat(sink.isActive(earlySubject, "smoke.offline")).isFalse();
            assertThat(sink.isActive(lateSubject, "smoke.offline")).isTrue();
        } finally {
            await(third.close());
        }
    }

    @Test
    void anOfflineAlarmOfADeviceHeardFromBeforeTheCrashIsClearedAtStart() throws Exception {
        long venue = fx.venue("house", "g1");
        smoke("sv-lost-clear", venue, T0 - 3_600_000);
        fx.sql("INSERT INTO device_presence (device_id, last_seen_at) VALUES ('sv-lost-clear', to_timestamp("
                + (T0 + 100_000) / 1000.0 + "))");
        AlarmSubject subject = AlarmSubject.device(venue, "sv-lost-clear");
        RecordingSink sink = new RecordingSink();
        sink.preload(new AlarmRaise(subject, "g1", "smoke.offline", "offline", Severity.MINOR, Instant.ofEpochMilli(T0),
                Map.of(), "before the crash"));
        RuleEngine engine = fx.start(() -> RULES, sink, new MutableClock(Instant.ofEpochMilli(T0 + 110_000)));
        try {
            settled(engine);
            assertThat(sink.isActive(subject, "smoke.offline")).isFalse();
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aDeviceRegisteredAfterStartIsSupervisedFromItsRegistration() throws Exception {
        long venue = fx.venue("house", "g1");
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
        RecordingSink sink = new RecordingSink();
        RuleEngine engine = fx.start(() -> RULES, sink, clock);
        try {
            smoke("sv-new", venue, T0 + 1_000);
            await(engine.registered("sv-new"));
            AlarmSubject subject = AlarmSubject.device(venue, "sv-new");
            tickAt(engine, clock, T0 + 1_000 + LIMIT - 1);
            assertThat(sink.callsFor(subject)).isEmpty();
            tickAt(engine, clock, T0 + 1_000 + LIMIT);
            assertThat(sink.isActive(subject, "smoke.offline")).isTrue();
        } finally {
            await(engine.close());
        }
    }

    @Test
    void aShorterLimitAfterAReloadAppliesToDevicesAlreadyScheduled() throws Exception {
        long venue = fx.venue("house", "g1");
        smoke("sv-reload", venue, T0);
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
        RecordingSink sink = new RecordingSink();
        java.util.concurrent.atomic.AtomicReference<RuleBook> book = new java.util.concurrent.atomic.AtomicReference<>(RULES);
        RuleEngine engine = fx.start(book::get, sink, clock);
        try {
            tickAt(engine, clock, T0 + 1_000);
            book.set(TestRuleBook.of(new SupervisionRule("smoke.offline", "smoke", Duration.ofSeconds(20), 1, Duration.ZERO,
                    "offline", Severity.MINOR)));
            AlarmSubject subject = AlarmSubject.device(venue, "sv-reload");
            tickAt(engine, clock, T0 + 20_000);
            assertThat(sink.callsFor(subject)).extracting(RecordingSink.Call::atMillis).containsExactly(T0 + 20_000);
        } finally {
            await(engine.close());
        }
    }
}
