package org.firehub.people.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.function.LongConsumer;
import org.firehub.people.Actor;
import org.firehub.people.PasswordHasher;
import org.firehub.people.PgGrids;
import org.firehub.people.PgOwners;
import org.firehub.people.PgUsers;
import org.firehub.people.Role;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequireRole;

/**
 * The people admin API: users ({@code /api/v1/users}), grids ({@code /api/v1/grids}) and venue
 * ownership ({@code /api/v1/venues/{id}/owners}). Reads for admins and supervisors, writes for
 * admins only; every write is one transaction with its security audit entry.
 *
 * <p>Mount next to {@link org.firehub.web.ApiRouter#mount}, whose {@code /api/v1/*} failure
 * handler turns failures into JSON errors.
 */
public final class PeopleRoutes {
    static final int BODY_LIMIT = 16 * 1024;

    private PeopleRoutes() {}

    /**
     * @param sessionsRevoked told the id of a user whose sessions were just deleted (disabled, new
     *                        role or password), after the commit, so session caches forget them
     * @param meters          {@code firehub.people.admin.changes{kind}}: admin changes made
     */
    public static void mount(Router router, Pool pool, PasswordHasher hasher, BearerAuth auth,
                             LongConsumer sessionsRevoked, MeterRegistry meters) {
        RequireRole readers = RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR);
        RequireRole admins = RequireRole.anyOf(Role.ADMIN);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        UserRoutes users = new UserRoutes(new PgUsers(pool, hasher, sessionsRevoked), changes(meters, "user"));
        router.get("/api/v1/users").handler(auth).handler(readers).handler(users::list);
        router.post("/api/v1/users").handler(body).handler(auth).handler(admins).handler(users::create);
        router.get("/api/v1/users/:id").handler(auth).handler(readers).handler(users::read);
        router.patch("/api/v1/users/:id").handler(body).handler(auth).handler(admins).handler(users::update);

        GridRoutes grids = new GridRoutes(new PgGrids(pool), changes(meters, "grid"));
        router.get("/api/v1/grids").handler(auth).handler(readers).handler(grids::list);
        router.post("/api/v1/grids").handler(body).handler(auth).handler(admins).handler(grids::create);
        router.get("/api/v1/grids/:code").handler(auth).handler(readers).handler(grids::read);
        router.patch("/api/v1/grids/:code").handler(body).handler(auth).handler(admins).handler(grids::update);

        OwnerRoutes owners = new OwnerRoutes(new PgOwners(pool), changes(meters, "ownership"));
        router.get("/api/v1/venues/:id/owners").handler(auth).handler(readers).handler(owners::list);
        router.put("/api/v1/venues/:id/owners/:userId").handler(auth).handler(admins).handler(owners::add);
        router.delete("/api/v1/venues/:id/owners/:userId").handler(auth).handler(admins).handler(owners::remove);
    }

    private static Counter changes(MeterRegistry meters, String kind) {
        return Counter.builder("firehub.people.admin.changes").tag("kind", kind)
                .description("Changes made through the people admin API").register(meters);
    }

    static Actor actor(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return new Actor(BearerAuth.principal(ctx), remote == null ? null : remote.hostAddress());
    }

    /** A positive whole number from the path, else 404 with {@code what} (an id that cannot exist is not found). */
    static long pathId(RoutingContext ctx, String param, String what) {
        String raw = ctx.pathParam(param);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // falls through: not an id, so there is no such thing
        }
        throw new ApiProblem(404, "no " + what + " '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
    }
}
