package org.firehub.registry;

import java.util.List;

/** What one CSV import created: venues (with their QR URLs) or devices (with their tokens, shown once). */
public record ImportResult(int imported, List<CreatedVenue> venues, List<IssuedDeviceToken> devices) {
    public ImportResult {
        venues = List.copyOf(venues);
        devices = List.copyOf(devices);
    }
}
