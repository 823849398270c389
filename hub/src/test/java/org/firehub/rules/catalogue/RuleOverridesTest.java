package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.Severity;
import org.firehub.rules.ThresholdRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Overrides change a rule for their own venue or device and nowhere else. */
class RuleOverridesTest {
    static CatalogueRuleBook book;

    @BeforeAll
    static void load() throws Exception {
        book = CatalogueFiles.parse("""
                kinds:
                  electrical:
                    limits:
                      residual_current_ma: {min: 20, max: 1000}
                    thresholds:
                      - id: electrical.residual_current
                        reading: residual_current_ma
                        direction: above
                        raise_at: 300
                        hold: 10s
                        clear_at: 270
                        clear_hold: 1m
                        hazard: residual_current_high
                        severity: major
                      - id: electrical.current_high
                        reading: current_a
                        direction: above
                        raise_at: 32
                        hold: 30s
                        clear_at: 30
                        clear_hold: 1m
                        hazard: overcurrent
                        severity: major
                        enabled: false
                    events:
                      - id: electrical.arc_fault
                        event: arc_fault
                        hazard: arc_fault
                        severity: critical
                    supervision:
                      id: electrical.offline
                      interval: 5m
                      missed: 3
                      grace: 1m
                      hazard: device_offline
                      severity: major
                overrides:
                  venues:
                    17:
                      electrical.residual_current: {raise_at: 500}
                      electrical.offline: {enabled: false}
                  devices:
                    EF-1:
                      electrical.residual_current: {raise_at: 100, clear_at: 80, hold: 2s}
                      electrical.current_high: {enabled: true, raise_at: 63, clear_at: 60}
                      electrical.arc_fault: {severity: major}
                """);
    }

    static Device device(String id, long venue) {
        return new Device(new DeviceId(id), "electrical", venue, "G-01");
    }

    static ThresholdRule residual(DeviceRules rules) {
        return rules.thresholds().stream().filter(t -> t.id().equals("electrical.residual_current")).findFirst().orElseThrow();
    }

    @Test
    void devicesWithoutOverridesGetTheDefaults() {
        DeviceRules rules = book.forDevice(device("EF-2", 3));
        assertThat(residual(rules).raiseAt()).isEqualTo(300);
        assertThat(rules.supervision()).isPresent();
        assertThat(rules.thresholds()).hasSize(1);
    }

    @Test
    void venueOverrideAppliesToEveryDeviceOfThatVenueOnly() {
        DeviceRules inVenue = book.forDevice(device("EF-2", 17));
        assertThat(residual(inVenue).raiseAt()).isEqualTo(500);
        assertThat(residual(inVenue).clearAt()).as("the 30 mA band moves with the raise level").isEqualTo(470);
        assertThat(residual(inVenue).hold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(inVenue.supervision()).isEmpty();
        assertThat(residual(book.forDevice(device("EF-3", 18))).raiseAt()).isEqualTo(300);
    }

    @Test
    void deviceOverrideAppliesOnTopOfItsVenueAndToThatDeviceOnly() {
        DeviceRules own = book.forDevice(device("EF-1", 17));
        assertThat(residual(own).raiseAt()).isEqualTo(100);
        assertThat(residual(own).clearAt()).isEqualTo(80);
        assertThat(residual(own).hold()).isEqualTo(Duration.ofSeconds(2));
        assertThat(own.supervision()).as("the venue's override still applies").isEmpty();
        assertThat(own.thresholds()).extracting(t -> t.id()).contains("electrical.current_high");
        assertThat(own.events().getFirst().severity()).isEqualTo(Severity.MAJOR);

        DeviceRules neighbour = book.forDevice(device("EF-9", 17));
        assertThat(neighbour.thresholds()).extracting(t -> t.id()).doesNotContain("electrical.current_high");
        assertThat(neighbour.events().getFirst().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aDeviceMovedToAnotherVenueIsResolvedAfresh() {
        assertThat(book.forDevice(device("EF-1", 17)).supervision()).isEmpty();
        assertThat(book.forDevice(device("EF-1", 4)).supervision()).isPresent();
    }

    @Test
    void repeatedLookupsShareOneResolvedInstance() {
        // The hot path allocates nothing: the same resolved rules come back for every message.
        assertThat(book.forDevice(device("EF-2", 3))).isSameAs(book.forDevice(device("EF-7", 3)));
        assertThat(book.forDevice(device("EF-2", 17))).isSameAs(book.forDevice(device("EF-7", 17)));
        assertThat(book.forDevice(device("EF-1", 17))).isSameAs(book.forDevice(device("EF-1", 17)));
    }

    @Test
    void unknownKindHasNoRules() {
        assertThat(book.forDevice(new Device(new DeviceId("S-1"), "smoke", 1, "G-01"))).isSameAs(DeviceRules.NONE);
    }

    @Test
    void ruleLookupShowsTheDefaultNotAnOverride() {
        assertThat(((ThresholdRule) book.rule("electrical.residual_current").orElseThrow()).raiseAt()).isEqualTo(300);
    }
}
