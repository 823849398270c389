package org.firehub.alarms;

import java.util.Objects;
import java.util.Optional;

/**
 * What an alarm is about: one device (device rules) or a whole venue (correlation rules).
 * Together with the rule id it is the key of "at most one active alarm".
 */
public record AlarmSubject(long venueId, Optional<String> deviceId) {

    public AlarmSubject {
        Objects.requireNonNull(deviceId, "deviceId");
    }

    public static AlarmSubject device(long venueId, String deviceId) {
        return new AlarmSubject(venueId, Optional.of(deviceId));
    }

    public static AlarmSubject venue(long venueId) {
        return new AlarmSubject(venueId, Optional.empty());
    }

    @Override
    public String toString() {
        return deviceId.map(id -> "device " + id).orElse("venue " + venueId);
    }
}
