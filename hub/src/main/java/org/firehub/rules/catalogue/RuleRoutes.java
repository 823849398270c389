package org.firehub.rules.catalogue;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.firehub.people.Role;
import org.firehub.web.BearerAuth;
import org.firehub.web.RequireRole;

/**
 * {@code GET /api/v1/rules} (admin, supervisor): the catalogue's status (version, load time,
 * counts, last refused file with its line-numbered problems) and the rules and overrides in force.
 */
public final class RuleRoutes {
    private final RuleCatalogueWatcher watcher;

    private RuleRoutes(RuleCatalogueWatcher watcher) {
        this.watcher = watcher;
    }

    /** Mount into the application router next to {@code ApiRouter.mount}, whose failure handler answers 401/403 as JSON. */
    public static void mount(Router router, RuleCatalogueWatcher watcher, BearerAuth auth) {
        RuleRoutes routes = new RuleRoutes(watcher);
        router.get("/api/v1/rules").handler(auth).handler(RequireRole.anyOf(Role.ADMIN, Role.SUPERVISOR)).handler(routes::list);
    }

    private void list(RoutingContext ctx) {
        // One snapshot for both, so the version shown is the version of the rules shown.
        LoadedCatalogue loaded = watcher.loaded();
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(RuleJson.document(watcher.status(loaded), loaded.book()).encode());
    }
}
