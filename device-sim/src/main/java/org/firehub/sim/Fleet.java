package org.firehub.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Venues and devices registered at the hub, with the device tokens the hub shows only once.
 * Kept in a 0600 JSON file so a re-run reuses them and registers only what is missing.
 */
record Fleet(String prefix, List<Venue> venues, List<SimDevice> devices) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Venue(long id, String name, String type, String grid, String publicUrl) {}

    Map<Long, Venue> venuesById() {
        return venues.stream().collect(Collectors.toMap(Venue::id, Function.identity(), (a, b) -> a));
    }

    String venueType(SimDevice device) {
        Venue venue = venuesById().get(device.venueId());
        return venue == null || venue.type() == null ? "" : venue.type();
    }

    static Fleet loadOrEmpty(Path file, String prefix) throws IOException {
        if (!Files.isRegularFile(file)) return new Fleet(prefix, List.of(), List.of());
        try {
            return JSON.readValue(file.toFile(), Fleet.class);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " (delete it to register afresh): " + e.getMessage(), e);
        }
    }

    /** Written to a 0600 temporary file first, then moved: tokens never sit in a world-readable file. */
    void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
