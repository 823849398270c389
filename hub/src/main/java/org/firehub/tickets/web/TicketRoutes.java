package org.firehub.tickets.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;
import org.firehub.tickets.TicketProblem;
import org.firehub.tickets.TicketService;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequestBodies;

/**
 * The ticket API, for every signed-in person within their scope (outside it: 404, exactly like
 * a ticket that does not exist):
 * <ul>
 * <li>{@code GET /api/v1/tickets?state=&venueId=&grid=&assignee=me|{id}&hazard=&severity=&overdue=true&limit=}
 *     → 200 {@code [{id, venueId, deviceId, hazard, severity, state, assignee, deadline, occurrences, ...}]}, newest first;
 * <li>{@code GET /api/v1/tickets/{id}} → 200 the ticket;
 * <li>{@code POST /api/v1/tickets} {@code {venueId, deviceId?, hazard, severity, note?}} (patrol finding)
 *     → 201 a new ticket, 200 the open one it counted an occurrence on;
 * <li>{@code POST /api/v1/tickets/{id}/transitions} {@code {to, note?, assignee?, deadline?, version?}} → 200 the ticket;
 * <li>{@code GET /api/v1/tickets/{id}/history} → 200 the audit entries, oldest first.
 * </ul>
 * Errors: {@code {"code": invalid|forbidden|not_found|illegal_transition|conflict, "message"}}.
 */
public final class TicketRoutes {
    private static final int BODY_LIMIT = 16 * 1024;

    private final TicketService tickets;
    private final Clock clock;

    private TicketRoutes(TicketService tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Mount next to {@link org.firehub.web.ApiRouter#mount}, whose failure handler answers 401s and 413s. */
    public static void mount(Router router, TicketService tickets, BearerAuth auth, Clock clock) {
        TicketRoutes routes = new TicketRoutes(tickets, clock);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        router.get("/api/v1/tickets").handler(auth).handler(ctx -> routes.guarded(ctx, routes::list));
        router.post("/api/v1/tickets").handler(body).handler(auth).handler(ctx -> routes.guarded(ctx, routes::patrol));
        router.get("/api/v1/tickets/:id").handler(auth).handler(ctx -> routes.guarded(ctx, routes::read));
        router.get("/api/v1/tickets/:id/history").handler(auth).handler(ctx -> routes.guarded(ctx, routes::history));
        router.post("/api/v1/tickets/:id/transitions").handler(body).handler(auth)
                .handler(ctx -> routes.guarded(ctx, routes::transition));
    }

    private Future<?> list(RoutingContext ctx) {
        var who = BearerAuth.principal(ctx);
        return tickets.list(who, TicketRequests.query(ctx.queryParams(), who)).onSuccess(list -> {
            JsonArray array = new JsonArray();
            list.forEach(t -> array.add(TicketJson.toJson(t, clock.instant())));
            json(ctx, 200, array);
        });
    }

    private Future<?> read(RoutingContext ctx) {
        return tickets.get(BearerAuth.principal(ctx), ticketId(ctx))
                .onSuccess(t -> json(ctx, 200, TicketJson.toJson(t, clock.instant())));
    }

    private Future<?> history(RoutingContext ctx) {
        return tickets.history(BearerAuth.principal(ctx), ticketId(ctx)).onSuccess(entries -> {
            JsonArray array = new JsonArray();
            entries.forEach(e -> array.add(TicketJson.toJson(e)));
            json(ctx, 200, array);
        });
    }

    private Future<?> patrol(RoutingContext ctx) {
        var finding = TicketRequests.patrol(RequestBodies.jsonObject(ctx));
        return tickets.patrol(BearerAuth.principal(ctx), finding, sourceAddress(ctx))
                .onSuccess(o -> json(ctx, o.created() ? 201 : 200, TicketJson.toJson(o.ticket(), clock.instant())));
    }

    private Future<?> transition(RoutingContext ctx) {
        long id = ticketId(ctx);
        var request = TicketRequests.transition(RequestBodies.jsonObject(ctx), sourceAddress(ctx));
        return tickets.transition(BearerAuth.principal(ctx), id, request)
                .onSuccess(t -> json(ctx, 200, TicketJson.toJson(t, clock.instant())));
    }

    /** Runs a handler; whatever fails, synchronously or later, is answered by {@link TicketErrors}. */
    private void guarded(RoutingContext ctx, java.util.function.Function<RoutingContext, Future<?>> handler) {
        try {
            handler.apply(ctx).onFailure(e -> TicketErrors.fail(ctx, e));
        } catch (RuntimeException e) {
            TicketErrors.fail(ctx, e);
        }
    }

    /**
     * The peer's address. X-Forwarded-For is not trusted: anyone can send it, and the audit must
     * not record what a client claims. Behind a proxy, the proxy's address is recorded.
     */
    private static Optional<String> sourceAddress(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return Optional.ofNullable(remote == null ? null : remote.hostAddress());
    }

    private static long ticketId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not a ticket id, so there is no such ticket
        }
        throw new TicketProblem(TicketProblem.Code.NOT_FOUND,
                "no ticket '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }
}
