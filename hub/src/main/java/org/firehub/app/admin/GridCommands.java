package org.firehub.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grids add|list|set-leader}: the town's grids and who leads each. */
@Command(name = "grids", description = "Create and list grids; set a grid's leader.", mixinStandardHelpOptions = true,
        subcommands = {GridCommands.Add.class, GridCommands.ListGrids.class, GridCommands.SetLeader.class})
public final class GridCommands {

    @Command(name = "add", description = "Create a grid.", mixinStandardHelpOptions = true)
    static final class Add extends HubCommand {
        @Option(names = "--code", required = true, description = "Grid code, e.g. G01.")
        String code;
        @Option(names = "--name", description = "Grid name, e.g. \"Old Town\" (default: the code).")
        String name;
        @Option(names = "--leader", paramLabel = "USER", description = "Leader (grid worker or supervisor): id or username.")
        String leader;

        @Override
        protected void run() {
            HubClient hub = hub();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            if (name != null) body.put("name", name);
            if (leader != null) body.put("leaderUserId", PeopleCli.userId(hub, leader));
            JsonNode grid = hub.postJson("/api/v1/grids", body);
            out().println("created grid " + grid.path("code").asText() + " (" + grid.path("name").asText() + ")");
        }
    }

    @Command(name = "list", description = "List all grids.", mixinStandardHelpOptions = true)
    static final class ListGrids extends HubCommand {
        @Override
        protected void run() {
            JsonNode grids = hub().get("/api/v1/grids");
            out().printf("%-10s %-24s %-8s %-7s %s%n", "CODE", "NAME", "LEADER", "VENUES", "MEMBERS");
            for (JsonNode g : grids) {
                StringBuilder members = new StringBuilder();
                g.path("members").forEach(m -> members.append(members.isEmpty() ? "" : ",").append(m.path("username").asText()));
                out().printf("%-10s %-24s %-8s %-7s %s%n", g.path("code").asText(), g.path("name").asText(),
                        g.path("leaderUserId").isNull() ? "-" : g.path("leaderUserId").asText(), g.path("venues").asText(), members);
            }
            out().println(grids.size() + " grid(s)");
        }
    }

    @Command(name = "set-leader", description = "Set (or with --none, clear) a grid's leader: overdue tickets escalate to them.",
            mixinStandardHelpOptions = true)
    static final class SetLeader extends HubCommand {
        @Parameters(index = "0", paramLabel = "GRID", description = "Grid code.")
        String grid;
        @Parameters(index = "1", arity = "0..1", paramLabel = "USER", description = "Leader: id or username.")
        String leader;
        @Option(names = "--none", description = "Leave the grid without a leader.")
        boolean none;

        @Override
        protected void run() {
            if ((leader == null) == !none) throw new UsageProblem("give either a USER or --none");
            HubClient hub = hub();
            Map<String, Object> body = new HashMap<>();
            body.put("leaderUserId", none ? null : PeopleCli.userId(hub, leader));
            JsonNode g = hub.patchJson("/api/v1/grids/" + grid, body);
            out().println("grid " + g.path("code").asText() + " leader: "
                    + (g.path("leaderUserId").isNull() ? "none" : "user " + g.path("leaderUserId").asText()));
        }
    }
}
