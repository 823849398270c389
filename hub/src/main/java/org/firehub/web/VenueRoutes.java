package org.firehub.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.firehub.people.Role;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.registry.NewVenue;
import org.firehub.registry.Venue;
import org.firehub.registry.VenueService;

/** {@code POST /api/v1/venues} (admin, supervisor) and {@code GET /api/v1/venues} (admin, supervisor). */
final class VenueRoutes {
    private final VenueService venues;

    private VenueRoutes(VenueService venues) {
        this.venues = venues;
    }

    static void mount(Router router, VenueService venues, BearerAuth auth, int bodyLimit) {
        VenueRoutes routes = new VenueRoutes(venues);
        RequireRole operators = RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR);
        router.post("/api/v1/venues").handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(auth).handler(operators).handler(routes::create);
        router.get("/api/v1/venues").handler(auth).handler(operators).handler(routes::list);
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

    private void list(RoutingContext ctx) {
        venues.list()
                .onSuccess(list -> {
                    JsonArray array = new JsonArray();
                    list.forEach(v -> array.add(toJson(v)));
                    Responses.json(ctx, 200, array);
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(Venue v) {
        return new JsonObject().put("id", v.id()).put("name", v.name()).put("address", v.address())
                .put("type", v.type()).put("grid", v.grid()).put("qrToken", v.qrToken()).put("publicUrl", v.publicUrl());
    }
}
