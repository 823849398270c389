package org.firehub.people.web;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.PgUsers;
import org.firehub.web.ApiProblem;
import org.firehub.web.RequestBodies;

/** {@code GET/POST /api/v1/users}, {@code GET/PATCH /api/v1/users/{id}}. */
final class UserRoutes {
    private final PgUsers users;
    private final Counter changes;

    UserRoutes(PgUsers users, Counter changes) {
        this.users = users;
        this.changes = changes;
    }

    void list(RoutingContext ctx) {
        users.list().onSuccess(list -> {
            JsonArray array = new JsonArray();
            list.forEach(u -> array.add(PeopleJson.user(u)));
            PeopleJson.respond(ctx, 200, array);
        }).onFailure(ctx::fail);
    }

    void read(RoutingContext ctx) {
        long id = PeopleRoutes.pathId(ctx, "id", "user");
        users.find(id).onSuccess(found -> found.ifPresentOrElse(u -> PeopleJson.respond(ctx, 200, PeopleJson.user(u)),
                () -> ctx.fail(new ApiProblem(404, "no user " + id)))).onFailure(ctx::fail);
    }

    void create(RoutingContext ctx) {
        var user = UserRequests.newUser(RequestBodies.jsonObject(ctx));
        users.create(user, PeopleRoutes.actor(ctx)).onSuccess(created -> {
            changes.increment();
            ctx.response().putHeader("Location", "/api/v1/users/" + created.id());
            PeopleJson.respond(ctx, 201, PeopleJson.user(created));
        }).onFailure(ctx::fail);
    }

    void update(RoutingContext ctx) {
        long id = PeopleRoutes.pathId(ctx, "id", "user");
        var change = UserRequests.change(RequestBodies.jsonObject(ctx));
        users.update(id, change, PeopleRoutes.actor(ctx)).onSuccess(found -> found.ifPresentOrElse(u -> {
            changes.increment();
            PeopleJson.respond(ctx, 200, PeopleJson.user(u));
        }, () -> ctx.fail(new ApiProblem(404, "no user " + id)))).onFailure(ctx::fail);
    }
}
