package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.Direction;
import org.firehub.rules.EventRule;
import org.firehub.rules.Rule;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue the hub ships loads and carries DESIGN.md's standards-based defaults. */
class ShippedRuleCatalogueTest {
    static CatalogueRuleBook book;

    @BeforeAll
    static void load() throws Exception {
        book = new RuleCatalogueLoader(CatalogueFiles.config("rules.yaml"), CatalogueFiles.kinds(), Clock.systemUTC())
                .load().book();
    }

    static Device device(String kind) {
        return new Device(new DeviceId("d-" + kind), kind, 1, "G-01");
    }

    @Test
    void residualCurrentAlarmsAt300mA() {
        ThresholdRule rule = (ThresholdRule) book.rule("electrical.residual_current").orElseThrow();
        assertThat(rule.raiseAt()).isEqualTo(300);
        assertThat(rule.direction()).isEqualTo(Direction.ABOVE);
        assertThat(rule.hold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule.clearAt()).isLessThan(300);
    }

    @Test
    void cableTemperatureAlarmsAt85OnEveryPhaseAndNeutral() {
        List<ThresholdRule> cable = book.forDevice(device("electrical")).thresholds().stream()
                .filter(t -> t.hazard().equals("cable_overheat")).toList();
        assertThat(cable).extracting(ThresholdRule::reading)
                .containsExactlyInAnyOrder("cable_temp_c_l1", "cable_temp_c_l2", "cable_temp_c_l3", "cable_temp_c_n");
        assertThat(cable).allSatisfy(t -> {
            assertThat(t.raiseAt()).isEqualTo(85);
            assertThat(t.hold()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(book.forDevice(device("electrical")).ratesOfRise()).extracting(r -> r.rise()).containsOnly(10.0);
    }

    @Test
    void gasAlarmsAt25And50PercentLel() {
        ThresholdRule low = (ThresholdRule) book.rule("gas.leak_low").orElseThrow();
        ThresholdRule high = (ThresholdRule) book.rule("gas.leak_high").orElseThrow();
        assertThat(low.raiseAt()).isEqualTo(25);
        assertThat(high.raiseAt()).isEqualTo(50);
        assertThat(high.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(low.hold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(low.clearHold()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void voltageBandIs198To235Point4AsTwoRules() {
        ThresholdRule over = (ThresholdRule) book.rule("electrical.overvoltage").orElseThrow();
        ThresholdRule under = (ThresholdRule) book.rule("electrical.undervoltage").orElseThrow();
        assertThat(over.raiseAt()).isEqualTo(235.4);
        assertThat(over.direction()).isEqualTo(Direction.ABOVE);
        assertThat(under.raiseAt()).isEqualTo(198);
        assertThat(under.direction()).isEqualTo(Direction.BELOW);
    }

    @Test
    void nbSmokeAlarmIsOfflineAfter25SilentHours() {
        DeviceRules smoke = book.forDevice(device("smoke"));
        assertThat(smoke.supervision()).hasValueSatisfying(s -> {
            assertThat(s.interval()).isEqualTo(Duration.ofHours(24));
            assertThat(s.silenceLimit()).isEqualTo(Duration.ofHours(25));
            assertThat(s.hazard()).isEqualTo("device_offline");
        });
    }

    @Test
    void smokeAlarmEventIsCriticalAndClearedByAlarmCleared() {
        EventRule alarm = book.forDevice(device("smoke")).events().stream()
                .filter(e -> e.event().equals("alarm")).findFirst().orElseThrow();
        assertThat(alarm.hazard()).isEqualTo("smoke_alarm");
        assertThat(alarm.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alarm.clearedBy()).containsExactly("alarm_cleared");
    }

    @Test
    void twoSmokeOrHeatAlarmsWithin120sConfirmAFire() {
        CorrelationRule fire = (CorrelationRule) book.rule("venue.confirmed_fire").orElseThrow();
        assertThat(fire.minDevices()).isEqualTo(2);
        assertThat(fire.window()).isEqualTo(Duration.ofSeconds(120));
        assertThat(fire.requires()).containsExactly(Set.of("smoke_alarm", "heat_alarm", "heat_rise"));
        assertThat(fire.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fire.venueTypes()).isEmpty();
    }

    @Test
    void gasAlarmPlusCylinderSightingInARestaurant() {
        CorrelationRule rule = (CorrelationRule) book.rule("venue.gas_with_cylinder").orElseThrow();
        assertThat(rule.venueTypes()).containsExactly("restaurant");
        assertThat(rule.requires()).containsExactly(Set.of("gas_leak_low", "gas_leak_high"), Set.of("gas_cylinder_sighted"));
        assertThat(book.correlations()).contains(rule);
    }

    @Test
    void everyHazardousEventOfEveryKindRaisesSomething() {
        assertThat(eventsWithRules("smoke")).containsExactlyInAnyOrder("alarm", "fault", "low_battery", "tamper");
        assertThat(eventsWithRules("gas")).containsExactlyInAnyOrder("alarm_low", "alarm_high", "fault", "sensor_expired");
        assertThat(eventsWithRules("electrical")).containsExactlyInAnyOrder("overcurrent", "overvoltage", "arc_fault", "fault");
        assertThat(eventsWithRules("camera")).containsExactlyInAnyOrder("ebike_detected", "gas_cylinder_detected", "fault");
        assertThat(eventsWithRules("water")).containsExactlyInAnyOrder("low_pressure", "fault");
    }

    @Test
    void rulesShippedOffStayOffUntilAnOverrideSwitchesThemOn() {
        assertThat(book.forDevice(device("camera")).supervision()).isEmpty();
        assertThat(book.forDevice(device("electrical")).thresholds()).extracting(Rule::id).doesNotContain("electrical.current_high");
        assertThat(book.rule("electrical.current_high")).isPresent();
    }

    @Test
    void batteryBelow15PercentIsLowBattery() {
        ThresholdRule battery = (ThresholdRule) book.rule("smoke.low_battery").orElseThrow();
        assertThat(battery.direction()).isEqualTo(Direction.BELOW);
        assertThat(battery.raiseAt()).isEqualTo(15);
        assertThat(battery.hazard()).isEqualTo("low_battery");
    }

    @Test
    void everyHazardIsDocumentedInDocsRules() throws Exception {
        String docs = Files.readString(CatalogueFiles.config("rules.yaml").resolveSibling("../docs/rules.md").normalize());
        book.entries().forEach(e -> assertThat(docs).as("docs/rules.md documents " + e.rule().hazard())
                .contains("`" + e.rule().hazard() + "`"));
    }

    private static List<String> eventsWithRules(String kind) {
        return book.forDevice(device(kind)).events().stream().map(EventRule::event).toList();
    }
}
