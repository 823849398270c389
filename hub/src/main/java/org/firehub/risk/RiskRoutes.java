package org.firehub.risk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.firehub.people.AccessScopes;
import org.firehub.web.ApiProblem;
import org.firehub.web.BearerAuth;

/**
 * {@code GET /api/v1/venues/{id}/risk}: the venue's level with its reasons and the facts behind
 * them, for inspectors and owners within their scope (the console's venue page); outside it 404
 * like a venue that does not exist. Residents see the same level on the public page.
 */
public final class RiskRoutes {
    private final Pool pool;
    private final RiskService risk;
    private final AccessScopes scopes;

    private RiskRoutes(Pool pool, RiskService risk, AccessScopes scopes) {
        this.pool = pool;
        this.risk = risk;
        this.scopes = scopes;
    }

    public static void mount(Router router, Pool pool, RiskService risk, AccessScopes scopes, BearerAuth auth) {
        RiskRoutes routes = new RiskRoutes(pool, risk, scopes);
        router.get("/api/v1/venues/:id/risk").handler(auth).handler(routes::read);
    }

    private void read(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.fail(notFound(ctx.pathParam("id")));
            return;
        }
        scopes.of(BearerAuth.principal(ctx))
                .compose(scope -> pool.preparedQuery("SELECT grid FROM venues WHERE id = $1").execute(Tuple.of(id))
                        .compose(rows -> rows.size() == 1 && scope.permits(id, rows.iterator().next().getString("grid"))
                                ? risk.levelOf(id) : Future.failedFuture(notFound(Long.toString(id)))))
                .onSuccess(assessment -> {
                    if (assessment.isEmpty()) {
                        ctx.fail(notFound(Long.toString(id)));
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Cache-Control", "no-store").end(toJson(assessment.get()).encode());
                })
                .onFailure(ctx::fail);
    }

    static JsonObject toJson(RiskAssessment a) {
        JsonArray reasons = new JsonArray();
        a.reasons().forEach(r -> reasons.add(new JsonObject().put("code", r.code()).put("level", r.level().wireName())
                .put("value", r.value()).put("zh", r.zh()).put("en", r.en())));
        VenueFacts f = a.facts();
        JsonObject facts = new JsonObject().put("openCritical", f.openCritical()).put("openMajor", f.openMajor())
                .put("openMinor", f.openMinor()).put("overdue", f.overdue()).put("devices", f.devices())
                .put("offlineDevices", f.offlineDevices()).put("faultyDevices", f.faultyDevices())
                .put("recentAlarms", f.recentAlarms())
                .put("lastInspection", f.lastInspection().map(Object::toString).orElse(null));
        return new JsonObject().put("level", a.level().wireName()).put("colour", a.level().colour())
                .put("reasons", reasons).put("facts", facts);
    }

    private static ApiProblem notFound(String raw) {
        String shown = raw == null ? "" : raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return new ApiProblem(404, "no venue '" + shown + "'");
    }
}
