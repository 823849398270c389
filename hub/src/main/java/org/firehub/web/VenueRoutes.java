package org.firehub.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.registry.NewVenue;
import org.firehub.registry.Venue;
import org.firehub.registry.VenueService;

/**
 * {@code POST /api/v1/venues} (admin, supervisor); {@code GET /api/v1/venues} and
 * {@code GET /api/v1/venues/{id}} for {@code readers}, within each person's {@link org.firehub.people.AccessScope}:
 * the list holds only venues in scope, and a venue outside it is 404 like one that does not exist.
 */
final class VenueRoutes {
    private final VenueService venues;
    private final AccessScopes scopes;

    private VenueRoutes(VenueService venues, AccessScopes scopes) {
        this.venues = venues;
        this.scopes = scopes;
    }

    static void mount(Router router, VenueService venues, BearerAuth auth, int bodyLimit, AccessScopes scopes,
                      RequireRole readers) {
        VenueRoutes routes = new VenueRoutes(venues, scopes);
        RequireRole operators = RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR);
        router.post("/api/v1/venues").handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(auth).handler(operators).handler(routes::create);
        router.get("/api/v1/venues").handler(auth).handler(readers).handler(routes::list);
        router.get("/api/v1/venues/:id").handler(auth).handler(readers).handler(routes::read);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = RequestBodies.jsonObject(ctx);
        List<FieldProblem> typeProblems = new ArrayList<>();
        NewVenue venue = new NewVenue(RequestBodies.string(body, "name", typeProblems),
                RequestBodies.string(body, "address", typeProblems),
                RequestBodies.string(body, "type", typeProblems),
                RequestBodies.string(body, "grid", typeProblems));
        if (!typeProblems.isEmpty()) throw new InvalidInput(typeProblems);
        venues.create(venue)
                .onSuccess(created -> Responses.json(ctx, 201, new JsonObject()
                        .put("id", created.id()).put("qrToken", created.qrToken()).put("publicUrl", created.publicUrl())))
                .onFailure(ctx::fail);
    }

    /**
     * Filtered here rather than in SQL: {@link VenueService} has no scoped query yet, and a town's
     * venue list (thousands of rows) is cheap to filter; the scope is decided fresh per request.
     */
    private void list(RoutingContext ctx) {
        scopes.of(BearerAuth.principal(ctx)).compose(scope -> venues.list()
                        .map(list -> list.stream().filter(v -> scope.permits(v.id(), v.grid())).toList()))
                .onSuccess(list -> {
                    JsonArray array = new JsonArray();
                    list.forEach(v -> array.add(toJson(v)));
                    Responses.json(ctx, 200, array);
                })
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        long id = venueId(raw);
        scopes.of(BearerAuth.principal(ctx)).compose(scope -> venues.find(id)
                        .map(found -> found.filter(v -> scope.permits(v.id(), v.grid()))))
                .onSuccess(found -> found.ifPresentOrElse(v -> Responses.json(ctx, 200, toJson(v)),
                        () -> ctx.fail(new ApiProblem(404, "no venue " + id))))
                .onFailure(ctx::fail);
    }

    private static long venueId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not a venue id, so there is no such venue
        }
        throw new ApiProblem(404, "no venue '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
    }

    private static JsonObject toJson(Venue v) {
        return new JsonObject().put("id", v.id()).put("name", v.name()).put("address", v.address())
                .put("type", v.type()).put("grid", v.grid()).put("qrToken", v.qrToken()).put("publicUrl", v.publicUrl());
    }
}
