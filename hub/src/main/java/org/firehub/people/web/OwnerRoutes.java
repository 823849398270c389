package org.firehub.people.web;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.PgOwners;
import org.firehub.web.ApiProblem;

/**
 * {@code GET /api/v1/venues/{id}/owners}; {@code PUT} and {@code DELETE
 * /api/v1/venues/{id}/owners/{userId}} (both idempotent) answer the venue's owners after the change.
 */
final class OwnerRoutes {
    private final PgOwners owners;
    private final Counter changes;

    OwnerRoutes(PgOwners owners, Counter changes) {
        this.owners = owners;
        this.changes = changes;
    }

    void list(RoutingContext ctx) {
        answerOwners(ctx, PeopleRoutes.pathId(ctx, "id", "venue"));
    }

    void add(RoutingContext ctx) {
        long venueId = PeopleRoutes.pathId(ctx, "id", "venue");
        long userId = userId(ctx);
        owners.add(venueId, userId, PeopleRoutes.actor(ctx)).onSuccess(found -> {
            if (!found) {
                ctx.fail(new ApiProblem(404, "no venue " + venueId));
                return;
            }
            changes.increment();
            answerOwners(ctx, venueId);
        }).onFailure(ctx::fail);
    }

    void remove(RoutingContext ctx) {
        long venueId = PeopleRoutes.pathId(ctx, "id", "venue");
        long userId = userId(ctx);
        owners.remove(venueId, userId, PeopleRoutes.actor(ctx)).onSuccess(found -> {
            if (!found) {
                ctx.fail(new ApiProblem(404, "no venue " + venueId));
                return;
            }
            changes.increment();
            answerOwners(ctx, venueId);
        }).onFailure(ctx::fail);
    }

    /** A user id that cannot exist is a bad request here, not "no venue". */
    private static long userId(RoutingContext ctx) {
        try {
            return PeopleRoutes.pathId(ctx, "userId", "user");
        } catch (ApiProblem e) {
            throw new ApiProblem(400, "not_a_venue_owner", e.getMessage());
        }
    }

    private void answerOwners(RoutingContext ctx, long venueId) {
        owners.list(venueId).onSuccess(found -> found.ifPresentOrElse(list -> {
            JsonArray array = new JsonArray();
            list.forEach(o -> array.add(PeopleJson.owner(o)));
            PeopleJson.respond(ctx, 200, array);
        }, () -> ctx.fail(new ApiProblem(404, "no venue " + venueId)))).onFailure(ctx::fail);
    }
}
