package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code owners add|remove|list}: which venue owners own which venue. */
@Command(name = "owners", description = "Give, take and list venue ownership.", mixinStandardHelpOptions = true,
        subcommands = {OwnerCommands.Add.class, OwnerCommands.Remove.class, OwnerCommands.ListOwners.class})
public final class OwnerCommands {

    static void print(HubCommand command, long venue, JsonNode owners) {
        command.out().println("venue " + venue + ": " + owners.size() + " owner(s)");
        owners.forEach(o -> command.out().println("  " + o.path("id").asText() + "  " + o.path("username").asText()
                + (o.path("displayName").isNull() ? "" : "  (" + o.path("displayName").asText() + ")")));
    }

    @Command(name = "add", description = "Make a venue_owner user an owner of a venue.", mixinStandardHelpOptions = true)
    static final class Add extends HubCommand {
        @Parameters(index = "0", paramLabel = "VENUE", description = "Venue id.")
        long venue;
        @Parameters(index = "1", paramLabel = "USER", description = "User id or username.")
        String user;

        @Override
        protected void run() {
            HubClient hub = hub();
            print(this, venue, hub.put("/api/v1/venues/" + venue + "/owners/" + PeopleCli.userId(hub, user)));
        }
    }

    @Command(name = "remove", description = "End a user's ownership of a venue.", mixinStandardHelpOptions = true)
    static final class Remove extends HubCommand {
        @Parameters(index = "0", paramLabel = "VENUE", description = "Venue id.")
        long venue;
        @Parameters(index = "1", paramLabel = "USER", description = "User id or username.")
        String user;

        @Override
        protected void run() {
            HubClient hub = hub();
            print(this, venue, hub.delete("/api/v1/venues/" + venue + "/owners/" + PeopleCli.userId(hub, user)));
        }
    }

    @Command(name = "list", description = "List a venue's owners.", mixinStandardHelpOptions = true)
    static final class ListOwners extends HubCommand {
        @Parameters(paramLabel = "VENUE", description = "Venue id.")
        long venue;

        @Override
        protected void run() {
            print(this, venue, hub().get("/api/v1/venues/" + venue + "/owners"));
        }
    }
}
