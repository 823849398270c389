package org.firehub.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan behind {@code ./firehub sim --devices N --mix ...}: devices named
 * {@code {prefix}-{kind}-{nnnnn}} (numbered per kind, so a bigger or re-mixed run reuses the
 * devices it already has), fifty to a venue, venues of the five types across four grids.
 */
final class SimFleetPlan {
    static final int DEVICES_PER_VENUE = 50;
    private static final List<String> VENUE_TYPES = List.of("restaurant", "rental_housing", "shop", "factory", "old_town");

    private SimFleetPlan() {}

    static FleetPlan plan(String prefix, int devices, Mix kinds) {
        List<String> order = kinds.assign(devices);
        int venueCount = Math.max(1, (devices + DEVICES_PER_VENUE - 1) / DEVICES_PER_VENUE);
        List<FleetPlan.PlannedVenue> venues = new ArrayList<>();
        for (int v = 0; v < venueCount; v++) {
            venues.add(new FleetPlan.PlannedVenue("%s venue %04d".formatted(prefix, v + 1), "%d Simulation Road".formatted(v + 1),
                    VENUE_TYPES.get(v % VENUE_TYPES.size()), "SIM-G" + (v % 4 + 1)));
        }
        Map<String, Integer> perKind = new HashMap<>();
        List<FleetPlan.PlannedDevice> planned = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String kind = order.get(i);
            int n = perKind.merge(kind, 1, Integer::sum);
            planned.add(new FleetPlan.PlannedDevice("%s-%s-%05d".formatted(prefix, kind, n), kind,
                    venues.get(i / DEVICES_PER_VENUE).name()));
        }
        return new FleetPlan(venues, planned);
    }
}
