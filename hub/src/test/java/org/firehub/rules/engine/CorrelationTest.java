package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.rules.engine.EngineFixture.await;
import static org.firehub.rules.engine.EngineFixture.events;
import static org.firehub.rules.engine.EngineFixture.reading;
import static org.firehub.rules.engine.EngineFixture.settled;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.firehub.alarms.AlarmSubject;
import org.firehub.device.Device;
import org.firehub.ingest.DeviceMessage;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.Direction;
import org.firehub.rules.EventRule;
import org.firehub.rules.RuleBook;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.firehub.testing.Await;
import org.firehub.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Venue-level correlation: two independent signals confirm a fire; a gas leak plus a cylinder sighting in a restaurant. */
class CorrelationTest {
    static final EventRule SMOKE = new EventRule("smoke.alarm", "smoke", "alarm", Set.of("alarm_cleared"), "smoke", Severity.MAJOR);
    static final ThresholdRule HEAT = new ThresholdRule("smoke.heat", "smoke", "temperature_c", Direction.ABOVE, 60,
            Duration.ZERO, 50, Duration.ZERO, "heat", Severity.MAJOR);
    static final EventRule GAS = new EventRule("gas.high", "gas", "alarm_high", Set.of("alarm_cleared"), "gas_leak", Severity.MAJOR);
    static final EventRule CYLINDER_SEEN = new EventRule("camera.cylinder", "camera", "gas_cylinder_detected", Set.of(),
            "gas_cylinder", Severity.MINOR);
    static final CorrelationRule CONFIRMED_FIRE = new CorrelationRule("fire.confirmed", List.of(Set.of("smoke", "heat")), 2,
            Duration.ofSeconds(120), Set.of(), "confirmed_fire", Severity.CRITICAL);
    static final CorrelationRule CYLINDER_IN_RESTAURANT = new CorrelationRule("gas.cylinder.restaurant",
            List.of(Set.of("gas_leak"), Set.of("gas_cylinder")), 2, Duration.ofSeconds(300), Set.of("restaurant"),
            "gas_cylinder_hazard", Severity.CRITICAL);
    static final RuleBook RULES = TestRuleBook.of(SMOKE, HEAT, GAS, CYLINDER_SEEN, CONFIRMED_FIRE, CYLINDER_IN_RESTAURANT);
    static final long T0 = 1_763_800_000_000L;

    static EngineFixture fx;
    static int serial;
    MutableClock clock;
    RecordingSink sink;
    RuleEngine engine;

    @BeforeAll
    static void setUp() {
        fx = new EngineFixture("correlation");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @BeforeEach
    void startEngine() {
        clock = new MutableClock(Instant.ofEpochMilli(T0));
        sink = new RecordingSink();
        engine = null;
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) await(engine.close());
    }

    private RuleEngine engine() {
        if (engine == null) engine = fx.start(() -> RULES, sink, clock);
        return engine;
    }

    private Device device(String kind, long venue) throws Exception {
        return fx.device(kind + "-" + (++serial), kind, venue, "g1");
    }

    /** Stores the message as arriving {@code secondsAfterT0} on the hub clock. */
    private void arrive(long secondsAfterT0, DeviceMessage message) {
        clock.set(T0 + secondsAfterT0 * 1000);
        engine().stored(message);
    }

    private List<RecordingSink.Call> venueCalls(long venue) {
        settled(engine());
        return sink.callsFor(AlarmSubject.venue(venue));
    }

    @Test
    void twoSmokeAlarmsFromTwoDevicesWithinTheWindowConfirmAFireOnce() throws Exception {
        long venue = fx.venue("house", "g1");
        Device a = device("smoke", venue);
        Device b = device("smoke", venue);
        Device c = device("smoke", venue);
        engine();
        arrive(0, events(a, T0, "alarm"));
        assertThat(venueCalls(venue)).isEmpty();
        arrive(120, reading(b, T0 + 120_000, "temperature_c", 75)); // heat counts as the second signal, at the window's edge
        arrive(130, events(c, T0 + 130_000, "alarm"));
        assertThat(venueCalls(venue)).singleElement().satisfies(call -> {
            assertThat(call.raise()).isTrue();
            assertThat(call.ruleId()).isEqualTo("fire.confirmed");
            assertThat(call.atMillis()).isEqualTo(T0 + 120_000);
            assertThat(call.reason()).contains("2 devices").contains(a.id().value()).contains(b.id().value());
        });

        arrive(200, events(a, T0 + 200_000, "alarm_cleared"));
        arrive(210, reading(b, T0 + 210_000, "temperature_c", 20));
        assertThat(venueCalls(venue)).as("one member alarm is still active").hasSize(1);
        arrive(220, events(c, T0 + 220_000, "alarm_cleared"));
        assertThat(venueCalls(venue)).extracting(RecordingSink.Call::raise).containsExactly(true, false);
        assertThat(sink.isActive(AlarmSubject.venue(venue), "fire.confirmed")).isFalse();
    }

    @Test
    void theSameDeviceAlarmingTwiceIsOneSignal() throws Exception {
        long venue = fx.venue("house", "g1");
        Device a = device("smoke", venue);
        arrive(0, events(a, T0, "alarm"));
        arrive(10, events(a, T0 + 10_000, "alarm_cleared"));
        arrive(20, events(a, T0 + 20_000, "alarm"));
        arrive(30, reading(a, T0 + 30_000, "temperature_c", 80));
        settled(engine());
        assertThat(sink.callsFor(AlarmSubject.device(venue, a.id().value()))).hasSize(4);
        assertThat(venueCalls(venue)).isEmpty();
    }

    @Test
    void alarmsInDifferentVenuesDoNotCorrelate() throws Exception {
        long one = fx.venue("house", "g1");
        long other = fx.venue("house", "g1");
        Device a = device("smoke", one);
        Device b = device("smoke", other);
        arrive(0, events(a, T0, "alarm"));
        arrive(5, events(b, T0 + 5_000, "alarm"));
        assertThat(venueCalls(one)).isEmpty();
        assertThat(venueCalls(other)).isEmpty();
    }

    @Test
    void alarmsFurtherApartThanTheWindowDoNotCorrelate() throws Exception {
        long venue = fx.venue("house", "g1");
        Device a = device("smoke", venue);
        Device b = device("smoke", venue);
        arrive(0, events(a, T0, "alarm"));
        arrive(121, events(b, T0 + 121_000, "alarm"));
        assertThat(venueCalls(venue)).isEmpty();
    }

    @Test
    void aGasLeakAndACylinderSightingConfirmAHazardInARestaurantButNotInAShop() throws Exception {
        long restaurant = fx.venue("restaurant", "g1");
        long shop = fx.venue("shop", "g1");
        Device gasR = device("gas", restaurant);
        Device camR = device("camera", restaurant);
        Device gasS = device("gas", shop);
        Device camS = device("camera", shop);
        arrive(0, events(gasR, T0, "alarm_high"));
        arrive(0, events(gasS, T0, "alarm_high"));
        arrive(60, events(camR, T0 + 60_000, "gas_cylinder_detected"));
        arrive(60, events(camS, T0 + 60_000, "gas_cylinder_detected"));
        assertThat(venueCalls(restaurant)).extracting(RecordingSink.Call::ruleId).containsExactly("gas.cylinder.restaurant");
        assertThat(venueCalls(shop)).isEmpty();
    }

    @Test
    void aVenueTypeUnknownToTheEngineIsLookedUpAndTheVenueCheckedAgain() throws Exception {
        engine(); // started before the venues exist: their types are not cached
        long restaurant = fx.venue("restaurant", "g1");
        long shop = fx.venue("shop", "g1");
        Device gasR = device("gas", restaurant);
        Device camR = device("camera", restaurant);
        Device gasS = device("gas", shop);
        Device camS = device("camera", shop);
        arrive(0, events(camR, T0, "gas_cylinder_detected"));
        arrive(0, events(camS, T0, "gas_cylinder_detected"));
        arrive(30, events(gasR, T0 + 30_000, "alarm_high"));
        arrive(30, events(gasS, T0 + 30_000, "alarm_high"));
        Await.until("restaurant hazard raised after the type lookup", Duration.ofSeconds(10),
                () -> venueCalls(restaurant).size() == 1);
        assertThat(venueCalls(restaurant)).singleElement().satisfies(call -> assertThat(call.atMillis()).isEqualTo(T0 + 30_000));
        Await.staysFalse("a shop is not a restaurant", Duration.ofMillis(300), () -> !venueCalls(shop).isEmpty());
    }

    @Test
    void aConfirmedFireActiveAtStartIsClearedWhenNoMemberIsActiveAnyMore() throws Exception {
        long venue = fx.venue("house", "g1");
        Device a = device("smoke", venue);
        Device b = device("smoke", venue);
        arrive(0, events(a, T0, "alarm"));
        arrive(1, events(b, T0 + 1_000, "alarm"));
        assertThat(venueCalls(venue)).hasSize(1);
        await(engine.close());

        engine = fx.start(() -> RULES, sink, clock); // restart: the venue alarm and both smoke alarms are active
        arrive(10, events(a, T0 + 10_000, "alarm_cleared"));
        assertThat(venueCalls(venue)).hasSize(1);
        arrive(11, events(b, T0 + 11_000, "alarm_cleared"));
        assertThat(venueCalls(venue)).extracting(RecordingSink.Call::raise).containsExactly(true, false);
    }
}
