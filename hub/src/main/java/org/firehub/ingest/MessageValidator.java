package org.firehub.ingest;

import java.time.Clock;
import java.time.Duration;
import org.firehub.device.Device;
import org.firehub.device.DeviceKind;
import org.firehub.device.DeviceKindCatalogue;

/**
 * Checks a decoded body against what the sending device may say: the reading and event names
 * of its kind, the channel it came in on, and a plausible timestamp. Produces the
 * {@link DeviceMessage} the spool stores.
 */
public final class MessageValidator {
    /** A device clock this far ahead is broken, not early. */
    public static final Duration MAX_AHEAD = Duration.ofHours(24);
    /** Older than this is not worth storing as a live reading. */
    public static final Duration MAX_AGE = Duration.ofDays(30);

    private final DeviceKindCatalogue kinds;
    private final Clock clock;

    public MessageValidator(DeviceKindCatalogue kinds, Clock clock) {
        this.kinds = kinds;
        this.clock = clock;
    }

    /**
     * @throws UnknownDeviceKindException when the device's kind is not in the catalogue: a
     *     registry/config mismatch the device cannot fix, so it is a failure, not a rejection
     */
    public Verdict<DeviceMessage> validate(Device device, Channel channel, DecodedBody body) {
        DeviceKind kind = kinds.kind(device.kind()).orElseThrow(() -> new UnknownDeviceKindException(device));
        if (channel == Channel.EVENTS && body.events().isEmpty()) {
            return Verdict.refused(RejectReason.EMPTY, "a message on the events channel carries no event");
        }
        for (String reading : body.readings().keySet()) {
            if (!kind.readings().contains(reading)) {
                return Verdict.refused(RejectReason.UNKNOWN_READING,
                        "reading " + DetailText.quote(reading) + " is not one of kind '" + kind.name() + "'");
            }
        }
        for (String event : body.events()) {
            if (!kind.events().contains(event)) {
                return Verdict.refused(RejectReason.UNKNOWN_EVENT,
                        "event " + DetailText.quote(event) + " is not one of kind '" + kind.name() + "'");
            }
        }
        long now = clock.millis();
        if (body.ts().isPresent()) {
            long ts = body.ts().getAsLong();
            if (ts > now + MAX_AHEAD.toMillis()) {
                return Verdict.refused(RejectReason.TS_IN_FUTURE,
                        "ts " + ts + " is more than 24 h ahead of the hub's clock (" + now + ")");
            }
            if (ts < now - MAX_AGE.toMillis()) {
                return Verdict.refused(RejectReason.TS_TOO_OLD,
                        "ts " + ts + " is more than 30 days before the hub's clock (" + now + ")");
            }
        }
        return Verdict.ok(new DeviceMessage(device, body.ts().orElse(now), body.seq(), body.readings(), body.events(), now));
    }

    /** The device's kind is missing from the catalogue (e.g. removed from config while registered). */
    public static final class UnknownDeviceKindException extends IllegalStateException {
        public UnknownDeviceKindException(Device device) {
            super("device " + device.id() + ": kind '" + device.kind() + "' is not in the device-kind catalogue");
        }
    }
}
