package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the users, grids and owners commands share: finding a user by id or name, reading a new password, printing. */
final class PeopleCli {
    private PeopleCli() {}

    /** A user's id from a number or a username (looked up in the user list). */
    static long userId(HubClient hub, String idOrName) {
        if (idOrName.matches("[0-9]{1,18}")) return Long.parseLong(idOrName);
        for (JsonNode user : hub.get("/api/v1/users")) {
            if (user.path("username").asText().equals(idOrName)) return user.path("id").asLong();
        }
        throw new UsageProblem("no user '" + idOrName + "'");
    }

    /**
     * A new user's password: the first line of {@code file}, else typed twice on the terminal;
     * never an argument, which other users could read in the process list and the shell history.
     */
    static String newPassword(Path file, String forWhom) {
        if (file != null) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst()
                        .filter(line -> !line.isEmpty())
                        .orElseThrow(() -> new UsageProblem("--new-password-file " + file + " is empty"));
            } catch (IOException e) {
                throw new UsageProblem("cannot read --new-password-file " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) throw new UsageProblem("no password for " + forWhom + ": use --new-password-file or run in a terminal");
        char[] first = console.readPassword("new password for %s: ", forWhom);
        char[] again = console.readPassword("again: ");
        if (first == null || again == null) throw new UsageProblem("no password given");
        if (!new String(first).equals(new String(again))) throw new UsageProblem("the passwords differ");
        return new String(first);
    }

    static void printUserHeader(PrintWriter out) {
        out.printf("%-6s %-20s %-12s %-20s %-9s %s%n", "ID", "USERNAME", "ROLE", "NAME", "STATE", "GRIDS / VENUES");
    }

    static void printUser(PrintWriter out, JsonNode u) {
        StringBuilder scope = new StringBuilder();
        u.path("grids").forEach(g -> scope.append(scope.isEmpty() ? "" : ",").append(g.asText()));
        u.path("venues").forEach(v -> scope.append(scope.isEmpty() ? "venues " : ",").append(v.asText()));
        out.printf("%-6s %-20s %-12s %-20s %-9s %s%n", u.path("id").asText(), u.path("username").asText(),
                u.path("role").asText(), u.path("displayName").asText(""), u.path("disabled").asBoolean() ? "disabled" : "enabled",
                scope);
    }
}
