package org.firehub.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo town, generated deterministically: 40 venues (eight of each type a town supervises)
 * across four grids, 1,152 devices. The first five venues keep the names and device ids of the
 * original small demo town, so an existing {@code demo-town.json} is extended, not duplicated.
 */
final class DemoTown {
    static final List<String> TYPES = List.of("rental_housing", "restaurant", "shop", "factory", "old_town");
    private static final int VENUES_PER_TYPE = 8;
    private static final int GRIDS = 4;

    /** Devices of each kind a venue of a type has. */
    private static final Map<String, Map<String, Integer>> DEVICES_BY_TYPE = Map.of(
            "rental_housing", kinds(30, 0, 2, 2, 0),
            "restaurant", kinds(8, 6, 2, 1, 0),
            "shop", kinds(10, 0, 3, 1, 0),
            "factory", kinds(40, 0, 8, 2, 4),
            "old_town", kinds(20, 2, 2, 1, 0));

    /** The original five venues: name, address, id prefix. */
    private static final Map<String, String[]> ORIGINAL = Map.of(
            "rental_housing", new String[] {"Sunrise Rental House No. 12", "12 Sunrise Lane", "rh12"},
            "restaurant", new String[] {"Lao Wang Noodle Restaurant", "3 Market Street", "lwn"},
            "shop", new String[] {"Greenway Convenience Store", "88 Greenway Road", "gcs"},
            "factory", new String[] {"Riverside Garment Factory", "1 Riverside Industrial Park", "rgf"},
            "old_town", new String[] {"Old Town Street No. 8", "8 Old Town Street", "ots8"});

    private static final List<String> STREETS = List.of("Sunrise Lane", "Market Street", "Greenway Road", "Riverside Road",
            "Old Town Street", "Harbour Road", "Station Road", "Willow Street");

    private DemoTown() {}

    private static Map<String, Integer> kinds(int smoke, int gas, int electrical, int camera, int water) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        kinds.put("smoke", smoke);
        kinds.put("gas", gas);
        kinds.put("electrical", electrical);
        kinds.put("camera", camera);
        kinds.put("water", water);
        return kinds;
    }

    static FleetPlan plan() {
        List<FleetPlan.PlannedVenue> venues = new ArrayList<>();
        List<FleetPlan.PlannedDevice> devices = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < VENUES_PER_TYPE; i++) {
            for (String type : TYPES) {
                number++;
                String grid = "G%02d".formatted(number % GRIDS + 1);
                String name;
                String address;
                String prefix;
                if (i == 0) {
                    String[] original = ORIGINAL.get(type);
                    name = original[0];
                    address = original[1];
                    prefix = original[2];
                } else {
                    String street = STREETS.get(number % STREETS.size());
                    name = "%s No. %d, %s".formatted(label(type), number, street);
                    address = "%d %s".formatted(number, street);
                    prefix = "d%02d".formatted(number);
                }
                venues.add(new FleetPlan.PlannedVenue(name, address, type, grid));
                for (Map.Entry<String, Integer> kind : DEVICES_BY_TYPE.get(type).entrySet()) {
                    for (int n = 1; n <= kind.getValue(); n++) {
                        devices.add(new FleetPlan.PlannedDevice("%s-%s-%02d".formatted(prefix, kind.getKey(), n), kind.getKey(), name));
                    }
                }
            }
        }
        return new FleetPlan(venues, devices);
    }

    private static String label(String type) {
        return switch (type) {
            case "rental_housing" -> "Rental House";
            case "restaurant" -> "Restaurant";
            case "shop" -> "Shop";
            case "factory" -> "Workshop";
            default -> "Old Town Yard";
        };
    }
}
