package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code venue add} and {@code venue list}. */
@Command(name = "venue", description = "Create and list venues.", mixinStandardHelpOptions = true,
        subcommands = {VenueCommands.Add.class, VenueCommands.ListVenues.class})
public final class VenueCommands {

    @Command(name = "add", description = "Create a venue and print its QR page URL.", mixinStandardHelpOptions = true)
    static final class Add extends HubCommand {
        @Option(names = "--name", required = true, description = "Venue name, e.g. \"Lao Wang Noodles\".")
        String name;
        @Option(names = "--address", required = true, description = "Street address.")
        String address;
        @Option(names = "--type", required = true, description = "Venue type: restaurant, shop, rental_housing, factory, ...")
        String type;
        @Option(names = "--grid", required = true, description = "Grid the venue belongs to, e.g. G-07.")
        String grid;

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("address", address);
            body.put("type", type);
            body.put("grid", grid);
            JsonNode created = hub().postJson("/api/v1/venues", body);
            out().println("created venue " + created.path("id").asText());
            out().println("QR page: " + created.path("publicUrl").asText());
        }
    }

    @Command(name = "list", description = "List all venues.", mixinStandardHelpOptions = true)
    static final class ListVenues extends HubCommand {
        @Override
        protected void run() {
            JsonNode venues = hub().get("/api/v1/venues");
            out().printf("%-6s %-28s %-16s %-10s %-30s %s%n", "ID", "NAME", "TYPE", "GRID", "ADDRESS", "QR PAGE");
            for (JsonNode v : venues) {
                out().printf("%-6s %-28s %-16s %-10s %-30s %s%n", v.path("id").asText(), v.path("name").asText(),
                        v.path("type").asText(), v.path("grid").asText(), v.path("address").asText(),
                        v.path("publicUrl").asText());
            }
            out().println(venues.size() + " venue(s)");
        }
    }
}
