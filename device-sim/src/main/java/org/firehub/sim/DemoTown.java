package org.firehub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo town: a few venues of the kinds a town supervises, with about fifty devices.
 * Registered once through the hub's REST API; the result (including the device tokens,
 * which the hub shows only once) is kept in {@code demo-town.json} so a second run reuses it.
 */
record DemoTown(List<Venue> venues, List<SimDevice> devices) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Venue(long id, String name, String grid, String publicUrl) {}

    record SimDevice(String deviceId, String kind, long venueId, String token) {}

    /** Venue name, address, type, grid, and how many devices of each kind it has. */
    private record Plan(String name, String address, String type, String grid, String prefix, int smoke, int gas,
                        int electrical, int camera, int water) {}

    private static final List<Plan> PLANS = List.of(
            new Plan("Sunrise Rental House No. 12", "12 Sunrise Lane", "rental_housing", "G01", "rh12", 12, 0, 1, 1, 0),
            new Plan("Lao Wang Noodle Restaurant", "3 Market Street", "restaurant", "G01", "lwn", 3, 3, 1, 1, 0),
            new Plan("Greenway Convenience Store", "88 Greenway Road", "shop", "G02", "gcs", 4, 0, 2, 0, 0),
            new Plan("Riverside Garment Factory", "1 Riverside Industrial Park", "factory", "G02", "rgf", 10, 0, 4, 0, 2),
            new Plan("Old Town Street No. 8", "8 Old Town Street", "old_town", "G03", "ots8", 6, 0, 1, 1, 0));

    static DemoTown loadOrRegister(Path file, HubApi api) throws IOException {
        if (Files.isRegularFile(file)) {
            return JSON.readValue(file.toFile(), DemoTown.class);
        }
        List<Venue> venues = new ArrayList<>();
        List<SimDevice> devices = new ArrayList<>();
        for (Plan plan : PLANS) {
            JsonNode venue = api.createVenue(plan.name(), plan.address(), plan.type(), plan.grid());
            long venueId = venue.path("id").asLong();
            venues.add(new Venue(venueId, plan.name(), plan.grid(), venue.path("publicUrl").asText()));
            register(api, devices, plan.prefix(), "smoke", plan.smoke(), venueId);
            register(api, devices, plan.prefix(), "gas", plan.gas(), venueId);
            register(api, devices, plan.prefix(), "electrical", plan.electrical(), venueId);
            register(api, devices, plan.prefix(), "camera", plan.camera(), venueId);
            register(api, devices, plan.prefix(), "water", plan.water(), venueId);
        }
        DemoTown town = new DemoTown(venues, devices);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(tmp.toFile(), town);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return town;
    }

    private static void register(HubApi api, List<SimDevice> devices, String prefix, String kind, int count, long venueId)
            throws IOException {
        for (int i = 1; i <= count; i++) {
            String deviceId = "%s-%s-%02d".formatted(prefix, kind, i);
            JsonNode created = api.createDevice(deviceId, kind, venueId);
            devices.add(new SimDevice(deviceId, kind, venueId, created.path("token").asText()));
        }
    }
}
