package org.firehub.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Role;

/**
 * The people and registry part of the REST API ({@code /api/v1/login}, {@code /api/v1/venues},
 * {@code /api/v1/devices}, {@code /api/v1/import/*}), with JSON errors for everything under
 * {@code /api/v1/}.
 *
 * <p>Either {@link #create} a router of its own (paths are absolute: mount it at {@code /}), or
 * {@link #mount} these routes into the application's router next to other features' routes.
 */
public final class ApiRouter {
    /** JSON bodies are small; anything bigger is a mistake or an attack (413). */
    public static final int JSON_BODY_LIMIT = 64 * 1024;
    /** Room for {@link org.firehub.registry.CsvImporter#MAX_ROWS} rows of ordinary width. */
    public static final int CSV_BODY_LIMIT = 4 * 1024 * 1024;

    private ApiRouter() {}

    /** A router holding only these routes; unknown paths and methods answer a JSON 404 / 405. */
    public static Router create(Vertx vertx, ApiServices services, MeterRegistry meters) {
        Router router = Router.router(vertx);
        mount(router, services, meters);
        jsonRouterErrors(router);
        return router;
    }

    /** As {@link #create(Vertx, ApiServices, MeterRegistry)}, with venue and device reads scoped by {@code scopes}. */
    public static Router create(Vertx vertx, ApiServices services, AccessScopes scopes, MeterRegistry meters) {
        Router router = Router.router(vertx);
        mount(router, services, scopes, meters);
        jsonRouterErrors(router);
        return router;
    }

    private static void jsonRouterErrors(Router router) {
        for (int status : new int[] {404, 405}) {
            router.errorHandler(status, ctx -> ApiErrors.respond(ctx, status,
                    ApiErrors.bodyForStatus(status)));
        }
    }

    /**
     * Adds these routes, and the JSON failure handler for {@code /api/v1/*}, to an existing router.
     * Venue and device reads are for admins and supervisors only, who see the whole town.
     */
    public static void mount(Router router, ApiServices services, MeterRegistry meters) {
        mount(router, services, p -> Future.succeededFuture(AccessScope.everything()),
                RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR), meters);
    }

    /**
     * Adds these routes with venue and device reads open to every signed-in person, each within
     * their {@link AccessScope} from {@code scopes} (issue 7: workers their grids, owners their venues).
     */
    public static void mount(Router router, ApiServices services, AccessScopes scopes, MeterRegistry meters) {
        mount(router, services, scopes, RequireRole.anyOf(Role.values()), meters);
    }

    private static void mount(Router router, ApiServices services, AccessScopes scopes, RequireRole readers,
                              MeterRegistry meters) {
        BearerAuth auth = new BearerAuth(services.sessions());
        LoginRoutes.mount(router, services.sessions(), JSON_BODY_LIMIT);
        VenueRoutes.mount(router, services.venues(), auth, JSON_BODY_LIMIT, scopes, readers);
        DeviceRoutes.mount(router, services.devices(), auth, JSON_BODY_LIMIT, scopes, readers);
        ImportRoutes.mount(router, services.importer(), auth, CSV_BODY_LIMIT);
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
    }
}
