package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code device add}, {@code device list} and {@code device rotate-psk}. */
@Command(name = "device", description = "Register and list devices, rotate a device's DTLS PSK.", mixinStandardHelpOptions = true,
        subcommands = {DeviceCommands.Add.class, DeviceCommands.ListDevices.class, DeviceCommands.RotatePsk.class})
public final class DeviceCommands {

    @Command(name = "add", description = "Register a device and print its secret token (shown once).",
            mixinStandardHelpOptions = true)
    static final class Add extends HubCommand {
        @Option(names = "--id", required = true, description = "Device id: 1-64 of A-Z a-z 0-9 _ -.")
        String id;
        @Option(names = "--kind", required = true, description = "Device kind from the catalogue: smoke, gas, electrical, camera, water, ...")
        String kind;
        @Option(names = "--venue", required = true, description = "Venue id (see 'venue list').")
        long venue;

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("deviceId", id);
            body.put("kind", kind);
            body.put("venueId", venue);
            JsonNode issued = hub().postJson("/api/v1/devices", body);
            out().println("registered device " + issued.path("deviceId").asText());
            out().println("token (shown once, store it now): " + issued.path("token").asText());
            if (issued.hasNonNull("psk")) {
                out().println("DTLS PSK for CoAP, identity " + issued.path("deviceId").asText() + " (shown once): "
                        + issued.path("psk").asText());
            }
        }
    }

    @Command(name = "rotate-psk", description = "Issue a new DTLS PSK for a device (shown once); the old one stops working.",
            mixinStandardHelpOptions = true)
    static final class RotatePsk extends HubCommand {
        @Option(names = "--id", required = true, description = "Device id.")
        String id;

        @Override
        protected void run() {
            JsonNode rotated = hub().postJson("/api/v1/devices/" + id + "/psk", Map.of());
            out().println("DTLS PSK version " + rotated.path("pskVersion").asInt() + " for " + rotated.path("deviceId").asText()
                    + " (shown once): " + rotated.path("psk").asText());
        }
    }

    @Command(name = "list", description = "List devices, of all venues or of one.", mixinStandardHelpOptions = true)
    static final class ListDevices extends HubCommand {
        @Option(names = "--venue", description = "Only the devices of this venue id.")
        Long venue;

        @Override
        protected void run() {
            JsonNode devices = hub().get("/api/v1/devices" + (venue == null ? "" : "?venueId=" + venue));
            out().printf("%-24s %-12s %-8s %-10s %s%n", "DEVICE", "KIND", "VENUE", "GRID", "REGISTERED");
            for (JsonNode d : devices) {
                out().printf("%-24s %-12s %-8s %-10s %s%n", d.path("deviceId").asText(), d.path("kind").asText(),
                        d.path("venueId").asText(), d.path("grid").asText(), d.path("registeredAt").asText());
            }
            out().println(devices.size() + " device(s)");
        }
    }
}
