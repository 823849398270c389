package org.firehub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What should be registered: venues by name and devices by id (each naming its venue).
 * {@link #ensure} registers only what the fleet file does not already hold, so runs are idempotent.
 */
record FleetPlan(List<PlannedVenue> venues, List<PlannedDevice> devices) {
    /** The hub's import takes at most 10,000 rows a file; smaller chunks keep each transaction short. */
    private static final int IMPORT_CHUNK = 5_000;

    record PlannedVenue(String name, String address, String type, String grid) {}

    record PlannedDevice(String deviceId, String kind, String venueName) {}

    Fleet ensure(Path file, Fleet existing, HubApi api) throws IOException {
        Map<String, PlannedVenue> plannedByName = new HashMap<>();
        this.venues.forEach(v -> plannedByName.put(v.name(), v));
        List<Fleet.Venue> venues = new ArrayList<>();
        for (Fleet.Venue venue : existing.venues()) {
            // Files written before venues carried their type get it from the plan.
            PlannedVenue planned = plannedByName.get(venue.name());
            venues.add(venue.type() == null && planned != null
                    ? new Fleet.Venue(venue.id(), venue.name(), planned.type(), planned.grid(), venue.publicUrl()) : venue);
        }
        Map<String, Long> venueIds = new HashMap<>();
        venues.forEach(v -> venueIds.put(v.name(), v.id()));
        for (PlannedVenue planned : this.venues) {
            if (venueIds.containsKey(planned.name())) continue;
            JsonNode created = api.createVenue(planned.name(), planned.address(), planned.type(), planned.grid());
            Fleet.Venue venue = new Fleet.Venue(created.path("id").asLong(), planned.name(), planned.type(), planned.grid(),
                    created.path("publicUrl").asText());
            venues.add(venue);
            venueIds.put(venue.name(), venue.id());
        }
        Fleet fleet = new Fleet(existing.prefix(), venues, existing.devices());
        fleet.save(file);

        Set<String> known = new HashSet<>();
        existing.devices().forEach(d -> known.add(d.deviceId()));
        List<PlannedDevice> missing = devices.stream().filter(d -> !known.contains(d.deviceId())).toList();
        List<SimDevice> devices = new ArrayList<>(existing.devices());
        for (int from = 0; from < missing.size(); from += IMPORT_CHUNK) {
            List<PlannedDevice> chunk = missing.subList(from, Math.min(missing.size(), from + IMPORT_CHUNK));
            StringBuilder csv = new StringBuilder("deviceId,kind,venueId\n");
            Map<String, PlannedDevice> byId = new HashMap<>();
            for (PlannedDevice device : chunk) {
                csv.append(device.deviceId()).append(',').append(device.kind()).append(',')
                        .append(venueIds.get(device.venueName())).append('\n');
                byId.put(device.deviceId(), device);
            }
            for (JsonNode created : api.importDevices(csv.toString()).path("devices")) {
                PlannedDevice planned = byId.get(created.path("deviceId").asText());
                if (planned == null) continue;
                devices.add(new SimDevice(planned.deviceId(), planned.kind(), venueIds.get(planned.venueName()),
                        created.path("token").asText()));
            }
            // Saved after every chunk: a failure later must not lose tokens the hub will never show again.
            fleet = new Fleet(existing.prefix(), venues, List.copyOf(devices));
            fleet.save(file);
        }
        return fleet;
    }

    /** The fleet's devices this plan asks for, in plan order. */
    static List<SimDevice> select(Fleet fleet, FleetPlan plan) {
        Map<String, SimDevice> byId = new HashMap<>();
        fleet.devices().forEach(d -> byId.put(d.deviceId(), d));
        return plan.devices().stream().map(d -> byId.get(d.deviceId())).filter(d -> d != null).toList();
    }
}
