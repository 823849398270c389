package org.firehub.tickets.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import org.firehub.people.Principal;
import org.firehub.people.Role;
import org.firehub.tickets.TicketProblem;
import org.firehub.tickets.TicketService;
import org.firehub.web.BearerAuth;

/**
 * {@code GET /api/v1/tickets/{id}/assignees} → 200 {@code [{id, username, displayName, role}]}:
 * whom this ticket may be dispatched to ({@link TicketAssignees}), so the console offers people
 * by name instead of asking for a user id.
 *
 * <p>Only those who may dispatch ask (admin, supervisor, grid worker), else 403 {@code forbidden}
 * whatever the ticket; the ticket is then read as the caller, so one outside their scope answers
 * 404 {@code not_found} exactly like a missing one, and no names of another grid leak.
 */
public final class AssigneeRoutes {
    private static final Set<Role> DISPATCHERS = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.GRID_WORKER);

    private final TicketService tickets;
    private final TicketAssignees assignees;

    private AssigneeRoutes(TicketService tickets, TicketAssignees assignees) {
        this.tickets = tickets;
        this.assignees = assignees;
    }

    /** Mount next to {@link TicketRoutes#mount}. */
    public static void mount(Router router, Pool pool, TicketService tickets, BearerAuth auth) {
        AssigneeRoutes routes = new AssigneeRoutes(tickets, new TicketAssignees(pool));
        router.get("/api/v1/tickets/:id/assignees").handler(auth).handler(routes::assignees);
    }

    private void assignees(RoutingContext ctx) {
        try {
            Principal who = BearerAuth.principal(ctx);
            if (!DISPATCHERS.contains(who.role())) {
                throw new TicketProblem(TicketProblem.Code.FORBIDDEN, "only admins, supervisors and grid workers dispatch tickets");
            }
            long id = ticketId(ctx.pathParam("id"));
            tickets.get(who, id)
                    .compose(ticket -> assignees.forVenue(ticket.venueId()))
                    .onSuccess(people -> respond(ctx, people))
                    .onFailure(e -> TicketErrors.fail(ctx, e));
        } catch (RuntimeException e) {
            TicketErrors.fail(ctx, e);
        }
    }

    private static void respond(RoutingContext ctx, java.util.List<TicketAssignees.Assignee> people) {
        JsonArray array = new JsonArray();
        for (TicketAssignees.Assignee a : people) {
            array.add(new JsonObject().put("id", a.id()).put("username", a.username())
                    .put("displayName", a.displayName().orElse(null)).put("role", a.role()));
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(array.encode());
    }

    private static long ticketId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not a ticket id, so there is no such ticket
        }
        throw new TicketProblem(TicketProblem.Code.NOT_FOUND, "no ticket " + raw);
    }
}
