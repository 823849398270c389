package org.firehub.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

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
        for (int status : new int[] {404, 405}) {
            router.errorHandler(status, ctx -> ApiErrors.respond(ctx, status,
                    ApiErrors.bodyForStatus(status)));
        }
        return router;
    }

    /** Adds these routes, and the JSON failure handler for {@code /api/v1/*}, to an existing router. */
    public static void mount(Router router, ApiServices services, MeterRegistry meters) {
        BearerAuth auth = new BearerAuth(services.sessions());
        LoginRoutes.mount(router, services.sessions(), JSON_BODY_LIMIT);
        VenueRoutes.mount(router, services.venues(), auth, JSON_BODY_LIMIT);
        DeviceRoutes.mount(router, services.devices(), auth, JSON_BODY_LIMIT);
        ImportRoutes.mount(router, services.importer(), auth, CSV_BODY_LIMIT);
        router.route("/api/v1/*").failureHandler(new ApiErrors(meters)::handle);
    }
}
