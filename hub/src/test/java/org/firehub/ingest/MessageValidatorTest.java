package org.firehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
    private static final long NOW = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();
    private final MessageValidator validator =
            new MessageValidator(Bodies.catalogue(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private final Device smoke = Bodies.smokeAlarm("smoke-0042");

    @Test
    void validBodyBecomesTheDeviceMessageWithTheDevicesTimestamp() {
        DecodedBody body = new DecodedBody(OptionalLong.of(NOW - 5_000), OptionalLong.of(4711),
                Map.of("temperature_c", 24.5), List.of("alarm"));

        DeviceMessage message = ok(validator.validate(smoke, Channel.TELEMETRY, body));

        assertThat(message).isEqualTo(new DeviceMessage(smoke, NOW - 5_000, OptionalLong.of(4711),
                Map.of("temperature_c", 24.5), List.of("alarm"), NOW));
    }

    @Test
    void missingTimestampMeansArrivalTime() {
        DecodedBody body = new DecodedBody(OptionalLong.empty(), OptionalLong.empty(), Map.of("battery_pct", 80.0), List.of());

        DeviceMessage message = ok(validator.validate(smoke, Channel.TELEMETRY, body));

        assertThat(message.timestampMillis()).isEqualTo(NOW);
        assertThat(message.receivedAtMillis()).isEqualTo(NOW);
        assertThat(message.seq()).isEmpty();
    }

    @Test
    void readingOrEventOutsideTheKindsCatalogueIsRejected() {
        DecodedBody gasReading = new DecodedBody(OptionalLong.empty(), OptionalLong.empty(), Map.of("gas_lel_pct", 12.0), List.of());
        assertThat(validator.validate(smoke, Channel.TELEMETRY, gasReading)).isEqualTo(
                Verdict.refused(RejectReason.UNKNOWN_READING, "reading 'gas_lel_pct' is not one of kind 'smoke'"));

        DecodedBody cameraEvent = new DecodedBody(OptionalLong.empty(), OptionalLong.empty(), Map.of(), List.of("alarm", "ebike_detected"));
        assertThat(validator.validate(smoke, Channel.EVENTS, cameraEvent)).isEqualTo(
                Verdict.refused(RejectReason.UNKNOWN_EVENT, "event 'ebike_detected' is not one of kind 'smoke'"));
    }

    @Test
    void timestampWithin24HoursAheadAnd30DaysBackIsAcceptedAndBeyondIsRejected() {
        long dayMs = Duration.ofDays(1).toMillis();
        assertThat(validator.validate(smoke, Channel.EVENTS, alarmAt(NOW + dayMs))).isInstanceOf(Verdict.Ok.class);
        assertThat(validator.validate(smoke, Channel.EVENTS, alarmAt(NOW - 30 * dayMs))).isInstanceOf(Verdict.Ok.class);

        assertThat(rejection(validator.validate(smoke, Channel.EVENTS, alarmAt(NOW + dayMs + 1))).reason())
                .isEqualTo(RejectReason.TS_IN_FUTURE);
        assertThat(rejection(validator.validate(smoke, Channel.EVENTS, alarmAt(NOW - 30 * dayMs - 1))).reason())
                .isEqualTo(RejectReason.TS_TOO_OLD);
        // A device that sends seconds instead of milliseconds lands in 1970.
        assertThat(rejection(validator.validate(smoke, Channel.EVENTS, alarmAt(NOW / 1000))).detail())
                .isEqualTo("ts " + NOW / 1000 + " is more than 30 days before the hub's clock (" + NOW + ")");
        assertThat(rejection(validator.validate(smoke, Channel.EVENTS, alarmAt(Long.MIN_VALUE))).reason())
                .isEqualTo(RejectReason.TS_TOO_OLD);
        assertThat(rejection(validator.validate(smoke, Channel.EVENTS, alarmAt(Long.MAX_VALUE))).reason())
                .isEqualTo(RejectReason.TS_IN_FUTURE);
    }

    @Test
    void eventsChannelNeedsAnEventWhileTelemetryTakesReadingsAlone() {
        DecodedBody readingsOnly = new DecodedBody(OptionalLong.empty(), OptionalLong.empty(), Map.of("temperature_c", 30.0), List.of());

        assertThat(validator.validate(smoke, Channel.EVENTS, readingsOnly)).isEqualTo(
                Verdict.refused(RejectReason.EMPTY, "a message on the events channel carries no event"));
        assertThat(validator.validate(smoke, Channel.TELEMETRY, readingsOnly)).isInstanceOf(Verdict.Ok.class);
    }

    @Test
    void deviceOfAKindMissingFromTheCatalogueIsAFailureNamingTheDevice() {
        Device orphan = new Device(new DeviceId("old-7"), "sprinkler", 1, "grid-1");

        assertThatThrownBy(() -> validator.validate(orphan, Channel.EVENTS, alarmAt(NOW)))
                .isInstanceOf(MessageValidator.UnknownDeviceKindException.class)
                .hasMessage("device old-7: kind 'sprinkler' is not in the device-kind catalogue");
    }

    private static DecodedBody alarmAt(long ts) {
        return new DecodedBody(OptionalLong.of(ts), OptionalLong.empty(), Map.of(), List.of("alarm"));
    }

    private static DeviceMessage ok(Verdict<DeviceMessage> verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Ok.class);
        return ((Verdict.Ok<DeviceMessage>) verdict).value();
    }

    private static IngestResult.Rejected rejection(Verdict<DeviceMessage> verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused<DeviceMessage>) verdict).rejection();
    }
}
