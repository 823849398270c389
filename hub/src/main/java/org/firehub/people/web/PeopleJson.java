package org.firehub.people.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.GridProfile;
import org.firehub.people.PgOwners;
import org.firehub.people.UserProfile;

/** People, grids and owners as the admin API answers them; never a password hash. */
final class PeopleJson {
    private PeopleJson() {}

    static JsonObject user(UserProfile u) {
        return new JsonObject().put("id", u.id()).put("username", u.username()).put("role", u.role().wireName())
                .put("displayName", u.displayName()).put("phone", u.phone()).put("disabled", u.disabled())
                .put("grids", new JsonArray(u.grids())).put("venues", new JsonArray(u.venues()))
                .put("createdAt", u.createdAt().toString());
    }

    static JsonObject grid(GridProfile g) {
        JsonArray members = new JsonArray();
        g.members().forEach(m -> members.add(new JsonObject().put("id", m.id()).put("username", m.username())));
        return new JsonObject().put("code", g.code()).put("name", g.name()).put("leaderUserId", g.leaderUserId())
                .put("venues", g.venues()).put("members", members).put("createdAt", g.createdAt().toString());
    }

    static JsonObject owner(PgOwners.Owner o) {
        return new JsonObject().put("id", o.id()).put("username", o.username()).put("displayName", o.displayName());
    }

    /** People data is personal: no shared cache may keep it. */
    static void respond(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }
}
