package org.firehub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.firehub.device.DeviceId;
import org.firehub.device.DeviceKindCatalogue;

/** What a device registration must look like before the database is asked anything. */
final class DeviceRules {
    private DeviceRules() {}

    static List<FieldProblem> check(NewDevice device, DeviceKindCatalogue catalogue) {
        List<FieldProblem> problems = new ArrayList<>();
        deviceIdProblem(device.deviceId()).ifPresent(reason -> problems.add(new FieldProblem("deviceId", reason)));
        kindProblem(device.kind(), catalogue).ifPresent(reason -> problems.add(new FieldProblem("kind", reason)));
        if (device.venueId() == null) {
            problems.add(new FieldProblem("venueId", "is required"));
        } else if (device.venueId() <= 0) {
            problems.add(new FieldProblem("venueId", "must be a positive venue id, got " + device.venueId()));
        }
        return problems;
    }

    static Optional<String> deviceIdProblem(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) return Optional.of("deviceId is required");
        if (!DeviceId.isValid(deviceId)) {
            return Optional.of("deviceId '" + VenueRules.abbreviate(deviceId)
                    + "' is not valid: use 1 to 64 letters, digits, _ or -");
        }
        return Optional.empty();
    }

    static Optional<String> kindProblem(String kind, DeviceKindCatalogue catalogue) {
        if (kind == null || kind.isEmpty()) return Optional.of("kind is required");
        if (catalogue.kind(kind).isEmpty()) {
            return Optional.of("kind '" + VenueRules.abbreviate(kind) + "' is not in the catalogue ("
                    + String.join(", ", new TreeSet<>(catalogue.kindNames())) + ")");
        }
        return Optional.empty();
    }
}
