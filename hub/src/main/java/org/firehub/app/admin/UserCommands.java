package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users add|list|show|set|disable|enable}: people who sign in to the hub. */
@Command(name = "users", description = "Create, list, change, disable and enable users.", mixinStandardHelpOptions = true,
        subcommands = {UserCommands.Add.class, UserCommands.ListUsers.class, UserCommands.Show.class, UserCommands.Set.class,
                UserCommands.Disable.class, UserCommands.Enable.class})
public final class UserCommands {

    @Command(name = "add", description = "Create a user. The password comes from --new-password-file or is asked on the terminal.",
            mixinStandardHelpOptions = true)
    static final class Add extends HubCommand {
        @Option(names = "--username", required = true, description = "Sign-in name: letters, digits, _ . @ -")
        String username;
        @Option(names = "--role", required = true, description = "admin, supervisor, grid_worker or venue_owner.")
        String role;
        @Option(names = "--display-name", description = "Name shown to colleagues.")
        String displayName;
        @Option(names = "--phone", description = "Phone number.")
        String phone;
        @Option(names = "--grid", split = ",", description = "Grid(s) a grid worker works, e.g. G01,G02.")
        List<String> grids;
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "File whose first line is the new user's password.")
        Path newPasswordFile;

        @Override
        protected void run() {
            HubClient hub = hub();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("role", role);
            body.put("password", PeopleCli.newPassword(newPasswordFile, username));
            if (displayName != null) body.put("displayName", displayName);
            if (phone != null) body.put("phone", phone);
            if (grids != null) body.put("grids", grids);
            JsonNode created = hub.postJson("/api/v1/users", body);
            out().println("created user " + created.path("id").asText() + " (" + created.path("username").asText() + ", "
                    + created.path("role").asText() + ")");
        }
    }

    @Command(name = "list", description = "List all users.", mixinStandardHelpOptions = true)
    static final class ListUsers extends HubCommand {
        @Override
        protected void run() {
            JsonNode users = hub().get("/api/v1/users");
            PeopleCli.printUserHeader(out());
            users.forEach(u -> PeopleCli.printUser(out(), u));
            out().println(users.size() + " user(s)");
        }
    }

    @Command(name = "show", description = "Show one user.", mixinStandardHelpOptions = true)
    static final class Show extends HubCommand {
        @Parameters(paramLabel = "USER", description = "User id or username.")
        String user;

        @Override
        protected void run() {
            HubClient hub = hub();
            JsonNode u = hub.get("/api/v1/users/" + PeopleCli.userId(hub, user));
            for (String field : List.of("id", "username", "role", "displayName", "phone", "disabled", "grids", "venues", "createdAt")) {
                JsonNode value = u.path(field);
                out().printf("%-12s %s%n", field + ":", value.isTextual() ? value.asText() : value.toString());
            }
        }
    }

    @Command(name = "set", description = {"Change a user. A new role or password signs them out everywhere."},
            mixinStandardHelpOptions = true)
    static final class Set extends HubCommand {
        @Parameters(paramLabel = "USER", description = "User id or username.")
        String user;
        @Option(names = "--role", description = "New role.")
        String role;
        @Option(names = "--display-name", description = "New display name.")
        String displayName;
        @Option(names = "--phone", description = "New phone number.")
        String phone;
        @Option(names = "--grids", split = ",", description = "The grids a grid worker works from now on, e.g. G02 (replaces the old ones).")
        List<String> grids;
        @Option(names = "--new-password", description = "Set a new password (from --new-password-file or asked on the terminal).")
        boolean newPassword;
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "File whose first line is the new password.")
        Path newPasswordFile;

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (role != null) body.put("role", role);
            if (displayName != null) body.put("displayName", displayName);
            if (phone != null) body.put("phone", phone);
            if (grids != null) body.put("grids", grids);
            if (newPassword || newPasswordFile != null) body.put("password", PeopleCli.newPassword(newPasswordFile, user));
            if (body.isEmpty()) throw new UsageProblem("nothing to change: give --role, --display-name, --phone, --grids or --new-password");
            HubClient hub = hub();
            JsonNode u = hub.patchJson("/api/v1/users/" + PeopleCli.userId(hub, user), body);
            out().println("changed user " + u.path("id").asText());
            PeopleCli.printUserHeader(out());
            PeopleCli.printUser(out(), u);
        }
    }

    @Command(name = "disable", description = "Disable a user: they cannot sign in and are signed out everywhere.",
            mixinStandardHelpOptions = true)
    static final class Disable extends HubCommand {
        @Parameters(paramLabel = "USER", description = "User id or username.")
        String user;

        @Override
        protected void run() {
            HubClient hub = hub();
            JsonNode u = hub.patchJson("/api/v1/users/" + PeopleCli.userId(hub, user), Map.of("disabled", true));
            out().println("disabled user " + u.path("id").asText() + " (" + u.path("username").asText() + ")");
        }
    }

    @Command(name = "enable", description = "Enable a disabled user again.", mixinStandardHelpOptions = true)
    static final class Enable extends HubCommand {
        @Parameters(paramLabel = "USER", description = "User id or username.")
        String user;

        @Override
        protected void run() {
            HubClient hub = hub();
            JsonNode u = hub.patchJson("/api/v1/users/" + PeopleCli.userId(hub, user), Map.of("disabled", false));
            out().println("enabled user " + u.path("id").asText() + " (" + u.path("username").asText() + ")");
        }
    }
}
